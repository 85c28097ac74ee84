using System.ComponentModel.DataAnnotations;
using PatchHound.Core.Approvals;
using PatchHound.Core.Common;
using PatchHound.Core.Vulnerabilities;

namespace PatchHound.Api.Approvals;

/// <param name="Kind">RiskAcceptance (approval creates a time-boxed risk acceptance) or Exception.</param>
/// <param name="FindingId">The finding concerned; give this or <paramref name="VulnerabilityId"/>, not both.</param>
/// <param name="VulnerabilityId">The CVE concerned, for all of the tenant's findings of it.</param>
/// <param name="Justification">Why the risk is acceptable.</param>
public sealed record NewApprovalRequest(
    [Required] ApprovalKind? Kind,
    Guid? FindingId,
    [StringLength(CveId.MaxLength)] string? VulnerabilityId,
    [Required, StringLength(Limits.LongText)] string? Justification);
