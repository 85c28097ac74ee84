using System.ComponentModel.DataAnnotations;
using PatchHound.Core.Common;

namespace PatchHound.Api.Approvals;

/// <param name="Comment">The approver's note, kept with the decision.</param>
/// <param name="AcceptedUntil">When the risk acceptance ends (risk-acceptance requests only); default from options.</param>
public sealed record ApproveRequest([StringLength(Limits.LongText)] string? Comment, DateTimeOffset? AcceptedUntil);
