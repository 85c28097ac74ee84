using PatchHound.Core.Common;
using PatchHound.Core.Inventory;

namespace PatchHound.Reads.Devices;

/// <summary>The device filters, parsed and checked; null or empty means "any".</summary>
internal sealed record DeviceFilter(
    string? NameContains,
    string? OsPlatform,
    IReadOnlyList<DeviceCriticality> Criticalities,
    decimal? MinRiskScore,
    string? Tag = null,
    string? RbacGroup = null,
    bool? HasOpenFindings = null,
    string? Software = null,
    string? SoftwareVendor = null)
{
    public static DeviceFilter Parse(DeviceFilterParameters parameters, IDictionary<string, string[]> errors)
    {
        if (parameters.Name?.Length > Limits.Name)
        {
            errors["name"] = [$"name is at most {Limits.Name} characters."];
        }

        if (parameters.Os?.Length > Device.OsPlatformMaxLength)
        {
            errors["os"] = [$"os is at most {Device.OsPlatformMaxLength} characters."];
        }

        if (parameters.MinRiskScore is < 0m or > Device.MaxRiskScore)
        {
            errors["minRiskScore"] = [$"minRiskScore is between 0 and {Device.MaxRiskScore}."];
        }

        if (parameters.Tag?.Length > Device.TagMaxLength)
        {
            errors["tag"] = [$"tag is at most {Device.TagMaxLength} characters."];
        }

        if (parameters.RbacGroup?.Length > Limits.Name)
        {
            errors["rbacGroup"] = [$"rbacGroup is at most {Limits.Name} characters."];
        }

        if (parameters.Software?.Length > InstalledSoftware.NameMaxLength)
        {
            errors["software"] = [$"software is at most {InstalledSoftware.NameMaxLength} characters."];
        }

        if (parameters.SoftwareVendor?.Length > InstalledSoftware.VendorMaxLength)
        {
            errors["softwareVendor"] = [$"softwareVendor is at most {InstalledSoftware.VendorMaxLength} characters."];
        }

        return new DeviceFilter(
            string.IsNullOrWhiteSpace(parameters.Name) ? null : parameters.Name.Trim(),
            string.IsNullOrWhiteSpace(parameters.Os) ? null : parameters.Os.Trim(),
            QueryValues.Enums<DeviceCriticality>(parameters.Criticality, "criticality", errors),
            parameters.MinRiskScore,
            string.IsNullOrWhiteSpace(parameters.Tag) ? null : parameters.Tag.Trim(),
            string.IsNullOrWhiteSpace(parameters.RbacGroup) ? null : parameters.RbacGroup.Trim(),
            parameters.HasOpenFindings,
            string.IsNullOrWhiteSpace(parameters.Software) ? null : parameters.Software.Trim(),
            string.IsNullOrWhiteSpace(parameters.SoftwareVendor) ? null : parameters.SoftwareVendor.Trim().ToLowerInvariant());
    }
}
