using System.Text.Json;

namespace PatchHound.Infrastructure.Defender;

/// <summary>
/// What a source's credential reference resolves to: a JSON document
/// <c>{"tenantId": "...", "clientId": "...", "clientSecret": "..."}</c>. The tenant and client ids live with the
/// secret because each PatchHound tenant signs in to its own Entra tenant with its own app registration.
/// </summary>
internal sealed class DefenderCredentialDocument
{
    private DefenderCredentialDocument(string tenantId, string clientId, string? clientSecret)
    {
        TenantId = tenantId;
        ClientId = clientId;
        ClientSecret = clientSecret;
    }

    public string TenantId { get; }

    public string ClientId { get; }

    public string? ClientSecret { get; }

    /// <exception cref="SourceConfigurationException">
    /// The value is not such a document. The message names the reference, never the value.
    /// </exception>
    public static DefenderCredentialDocument Parse(string value, string reference, bool requireSecret)
    {
        string? tenantId, clientId, clientSecret;
        try
        {
            using var document = JsonDocument.Parse(value);
            var root = document.RootElement;
            tenantId = Text(root, "tenantId");
            clientId = Text(root, "clientId");
            clientSecret = Text(root, "clientSecret");
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException)
        {
            // No inner exception: a parser message may quote part of the secret.
            throw new SourceConfigurationException(
                $"The secret {reference} is not a credential document: expected JSON with tenantId, clientId and clientSecret.");
        }

        if (string.IsNullOrWhiteSpace(tenantId) || string.IsNullOrWhiteSpace(clientId)
            || (requireSecret && string.IsNullOrEmpty(clientSecret)))
        {
            throw new SourceConfigurationException(
                $"The secret {reference} lacks tenantId, clientId{(requireSecret ? " or clientSecret" : string.Empty)}.");
        }

        return new DefenderCredentialDocument(tenantId, clientId, clientSecret);
    }

    public override string ToString() => $"tenant {TenantId}, client {ClientId}";

    private static string? Text(JsonElement root, string name) =>
        root.ValueKind == JsonValueKind.Object
        && root.TryGetProperty(name, out var element)
        && element.ValueKind == JsonValueKind.String
            ? element.GetString()
            : null;
}
