using System.ComponentModel.DataAnnotations;
using System.Text.Json;

namespace PatchHound.Api.Sources;

/// <summary>
/// The Microsoft Entra tenant and app registration a Defender (or simulator) source signs in with, written to the
/// secret store as one document. <see cref="ClientSecret"/> may be left out for workload identity federation.
/// </summary>
// Public because the .NET 10 validation generator skips internal types, which would go unvalidated.
public sealed record SourceCredentialsRequest(
    [Required, StringLength(SourceCredentialsRequest.MaxIdLength)] string TenantId,
    [Required, StringLength(SourceCredentialsRequest.MaxIdLength)] string ClientId,
    [StringLength(SourceCredentialsRequest.MaxSecretLength)] string? ClientSecret)
{
    public const int MaxIdLength = 256;
    public const int MaxSecretLength = 4096;

    /// <summary>The credential document the worker reads (see DefenderCredentialDocument).</summary>
    public string ToDocument() => JsonSerializer.Serialize(new Dictionary<string, string?>
    {
        ["tenantId"] = TenantId,
        ["clientId"] = ClientId,
        ["clientSecret"] = ClientSecret,
    });

    // A record prints every property; this one must never print the secret, wherever it ends up.
    public override string ToString() => $"{nameof(SourceCredentialsRequest)} {{ TenantId = {TenantId}, ClientId = {ClientId} }}";
}
