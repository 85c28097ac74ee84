using PatchHound.Core.Inventory;

namespace PatchHound.Reads.Software;

/// <summary>The software list's filters, checked; null means "any".</summary>
internal sealed record SoftwareFilter(string? NameContains, string? Vendor)
{
    public static SoftwareFilter Parse(string? name, string? vendor, IDictionary<string, string[]> errors)
    {
        if (name?.Length > InstalledSoftware.NameMaxLength)
        {
            errors["name"] = [$"name is at most {InstalledSoftware.NameMaxLength} characters."];
        }

        if (vendor?.Length > InstalledSoftware.VendorMaxLength)
        {
            errors["vendor"] = [$"vendor is at most {InstalledSoftware.VendorMaxLength} characters."];
        }

        return new SoftwareFilter(
            string.IsNullOrWhiteSpace(name) ? null : name.Trim(),
            string.IsNullOrWhiteSpace(vendor) ? null : vendor.Trim().ToLowerInvariant());
    }
}
