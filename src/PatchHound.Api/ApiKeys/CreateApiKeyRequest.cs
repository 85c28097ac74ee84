using System.ComponentModel.DataAnnotations;
using PatchHound.Core.Common;

namespace PatchHound.Api.ApiKeys;

/// <param name="Name">What the key is for, e.g. "nightly export".</param>
/// <param name="Scopes">Some of <c>read</c>, <c>write</c>, <c>ingestion:trigger</c>.</param>
/// <param name="ExpiresInDays">Lifetime in days, at most the configured maximum; the configured default when absent.</param>
public sealed record CreateApiKeyRequest(
    [Required, StringLength(Limits.Name)] string Name,
    [Required, MinLength(1), MaxLength(10)] string[] Scopes,
    [Range(1, 3650)] int? ExpiresInDays);
