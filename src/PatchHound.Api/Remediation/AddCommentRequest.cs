using System.ComponentModel.DataAnnotations;
using PatchHound.Core.Common;

namespace PatchHound.Api.Remediation;

internal sealed record AddCommentRequest([property: Required, StringLength(Limits.LongText)] string? Body);
