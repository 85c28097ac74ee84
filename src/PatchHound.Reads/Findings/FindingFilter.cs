using PatchHound.Core.Findings;
using PatchHound.Core.Inventory;
using PatchHound.Core.Sla;
using PatchHound.Core.Vulnerabilities;

namespace PatchHound.Reads.Findings;

/// <summary>The findings filters, parsed and checked; an empty list means "any".</summary>
internal sealed record FindingFilter(
    IReadOnlyList<Severity> Severities,
    IReadOnlyList<FindingStatus> Statuses,
    bool? Kev,
    decimal? MinEpss,
    Guid? DeviceId,
    string? CveId,
    IReadOnlyList<SlaState> SlaStates,
    IReadOnlyList<ExploitabilityLevel> Exploitability,
    string? Product = null)
{
    public static FindingFilter None { get; } = new([], [], null, null, null, null, [], []);

    public static FindingFilter Parse(FindingFilterParameters parameters, IDictionary<string, string[]> errors)
    {
        string? cveId = null;
        if (!string.IsNullOrWhiteSpace(parameters.CveId))
        {
            cveId = parameters.CveId.Trim().ToUpperInvariant();
            if (!Core.Vulnerabilities.CveId.IsValid(cveId))
            {
                errors["cveId"] = ["Expected a CVE id such as CVE-2024-3400."];
            }
        }

        if (parameters.MinEpss is < 0m or > 1m)
        {
            errors["minEpss"] = ["minEpss is a probability between 0 and 1."];
        }

        if (parameters.Product?.Length > InstalledSoftware.NameMaxLength)
        {
            errors["product"] = [$"product is at most {InstalledSoftware.NameMaxLength} characters."];
        }

        return new FindingFilter(
            QueryValues.Enums<Severity>(parameters.Severity, "severity", errors),
            QueryValues.Enums<FindingStatus>(parameters.Status, "status", errors),
            parameters.Kev,
            parameters.MinEpss,
            parameters.DeviceId,
            cveId,
            QueryValues.Enums<SlaState>(parameters.SlaState, "slaState", errors),
            QueryValues.Enums<ExploitabilityLevel>(parameters.Exploitability, "exploitability", errors),
            string.IsNullOrWhiteSpace(parameters.Product) ? null : parameters.Product.Trim());
    }
}
