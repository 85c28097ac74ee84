using System.ComponentModel.DataAnnotations;
using PatchHound.Core.Common;
using PatchHound.Core.Remediation;

namespace PatchHound.Api.Remediation;

/// <param name="Stage">The stage to move to; the workflow allows only some moves (409 otherwise).</param>
/// <param name="DueAt">When the new stage is due (ignored for Done).</param>
/// <param name="Reason">Why, kept in the stage history.</param>
public sealed record MoveCaseRequest(
    [Required] WorkflowStage? Stage,
    DateTimeOffset? DueAt,
    [StringLength(Limits.LongText)] string? Reason);
