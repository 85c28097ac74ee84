using Azure.Core;
using Azure.Identity;
using Microsoft.Identity.Client;

namespace PatchHound.Infrastructure.Defender;

/// <summary>Tokens from an Azure.Identity credential (client secret, managed or workload identity).</summary>
internal sealed class TokenCredentialTokenProvider(TokenCredential credential, string scope, AccessTokenCache cache)
    : IDefenderTokenProvider
{
    private readonly TokenRequestContext request = new([scope]);

    public ValueTask<string> GetTokenAsync(CancellationToken cancellationToken) =>
        cache.GetAsync(FetchAsync, cancellationToken);

    private async Task<AccessToken> FetchAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await credential.GetTokenAsync(request, cancellationToken);
        }
        catch (CredentialUnavailableException exception)
        {
            throw new SourceConfigurationException(
                $"No {credential.GetType().Name} is available on this host: {exception.Message}", exception);
        }
        catch (AuthenticationFailedException exception)
            when (exception.InnerException is MsalServiceException { StatusCode: 400 or 401 or 403 })
        {
            throw new SourceCredentialsRejectedException(
                $"credentials rejected by Microsoft Entra ID: {exception.Message}", exception);
        }
        catch (AuthenticationFailedException exception)
        {
            throw new SourceUnavailableException($"No token from Microsoft Entra ID: {exception.Message}", exception);
        }
    }
}
