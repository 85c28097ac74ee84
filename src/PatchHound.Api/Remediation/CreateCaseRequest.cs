using System.ComponentModel.DataAnnotations;
using PatchHound.Core.Common;
using PatchHound.Core.Vulnerabilities;

namespace PatchHound.Api.Remediation;

/// <param name="Title">What has to be fixed.</param>
/// <param name="VulnerabilityId">The CVE the case is about, if any; it must be in the catalog.</param>
/// <param name="FindingGroupKey">Groups findings handled together, e.g. one product across devices.</param>
/// <param name="TriageDueAt">When triage is due; past it the case escalates.</param>
public sealed record CreateCaseRequest(
    [Required, StringLength(Limits.Title)] string? Title,
    [StringLength(CveId.MaxLength)] string? VulnerabilityId,
    [StringLength(Limits.Key)] string? FindingGroupKey,
    DateTimeOffset? TriageDueAt);
