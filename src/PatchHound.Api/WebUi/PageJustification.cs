using System.ComponentModel.DataAnnotations;
using PatchHound.Core.Common;

namespace PatchHound.Api.WebUi;

/// <summary>
/// What the approvals pages require beyond the REST bodies (where comment and reason are optional): a decision
/// needs a comment and a revocation a reason, validated like any request body, so the message reads like the API's.
/// </summary>
internal sealed record PageDecision([Required, StringLength(Limits.LongText)] string? Comment);

internal sealed record PageRevocation([Required, StringLength(Limits.LongText)] string? Reason);
