using System.ComponentModel.DataAnnotations;
using PatchHound.Core.Common;

namespace PatchHound.Api.Approvals;

/// <param name="Comment">Why the request is denied.</param>
public sealed record DenyRequest([StringLength(Limits.LongText)] string? Comment);
