using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Azure.Core;
using Microsoft.Extensions.Logging;

namespace PatchHound.Infrastructure.Defender;

/// <summary>
/// A plain OAuth2 client-credentials request (<c>POST {authority}/{tenantId}/oauth2/v2.0/token</c>) for the
/// Defender simulator. MSAL, inside Azure.Identity, refuses any authority that is not https, and the simulator
/// issues its tokens over plain http in development and tests; real Defender sources keep using Azure.Identity.
/// </summary>
internal sealed class ClientCredentialsTokenProvider(
    HttpClient http,
    Uri tokenEndpoint,
    DefenderCredentialDocument credential,
    string scope,
    AccessTokenCache cache,
    TimeProvider time,
    ILogger<ClientCredentialsTokenProvider> logger) : IDefenderTokenProvider
{
    public ValueTask<string> GetTokenAsync(CancellationToken cancellationToken) =>
        cache.GetAsync(FetchAsync, cancellationToken);

    private async Task<AccessToken> FetchAsync(CancellationToken cancellationToken)
    {
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = credential.ClientId,
            ["client_secret"] = credential.ClientSecret!,
            ["scope"] = scope,
        });

        TokenResponse? token;
        try
        {
            using var response = await http.PostAsync(tokenEndpoint, form, cancellationToken);
            if (response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
            {
                throw new SourceCredentialsRejectedException(
                    $"credentials rejected by the token endpoint {tokenEndpoint} ({(int)response.StatusCode})");
            }

            if (!response.IsSuccessStatusCode)
            {
                throw new SourceUnavailableException(
                    $"The token endpoint {tokenEndpoint} answered {(int)response.StatusCode}.");
            }

            token = await response.Content.ReadFromJsonAsync<TokenResponse>(cancellationToken);
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException
            || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new SourceUnavailableException($"The token endpoint {tokenEndpoint} could not be reached.", exception);
        }
        catch (JsonException)
        {
            throw new SourceConfigurationException($"The token endpoint {tokenEndpoint} answered with something that is not a token response.");
        }

        if (string.IsNullOrEmpty(token?.AccessToken) || token.ExpiresIn <= 0)
        {
            throw new SourceConfigurationException($"The token endpoint {tokenEndpoint} answered without an access_token and expires_in.");
        }

        var expiresOn = time.GetUtcNow().AddSeconds(token.ExpiresIn);
        logger.LogInformation(
            "Obtained a token for client {ClientId} from {TokenEndpoint}, valid until {ExpiresOn}",
            credential.ClientId, tokenEndpoint, expiresOn);
        return new AccessToken(token.AccessToken, expiresOn);
    }

    private sealed record TokenResponse(
        [property: JsonPropertyName("access_token")] string? AccessToken,
        [property: JsonPropertyName("expires_in")] long ExpiresIn)
    {
        public override string ToString() => $"token expiring in {ExpiresIn} s";
    }
}
