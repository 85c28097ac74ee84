using PatchHound.Core.Common;
using PatchHound.Core.Inventory;

namespace PatchHound.Reads.Devices;

/// <summary>The device filters, parsed and checked; null or empty means "any".</summary>
internal sealed record DeviceFilter(string? NameContains, string? OsPlatform, IReadOnlyList<DeviceCriticality> Criticalities, decimal? MinRiskScore)
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

        return new DeviceFilter(
            string.IsNullOrWhiteSpace(parameters.Name) ? null : parameters.Name.Trim(),
            string.IsNullOrWhiteSpace(parameters.Os) ? null : parameters.Os.Trim(),
            QueryValues.Enums<DeviceCriticality>(parameters.Criticality, "criticality", errors),
            parameters.MinRiskScore);
    }
}
