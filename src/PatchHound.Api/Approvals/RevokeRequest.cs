using System.ComponentModel.DataAnnotations;
using PatchHound.Core.Common;

namespace PatchHound.Api.Approvals;

/// <param name="Reason">Why the acceptance ends early, kept in its audit entry.</param>
public sealed record RevokeRequest([StringLength(Limits.LongText)] string? Reason);
