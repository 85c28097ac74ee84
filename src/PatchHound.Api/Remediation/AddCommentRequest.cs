using System.ComponentModel.DataAnnotations;
using PatchHound.Core.Common;

namespace PatchHound.Api.Remediation;

public sealed record AddCommentRequest([Required, StringLength(Limits.LongText)] string? Body);
