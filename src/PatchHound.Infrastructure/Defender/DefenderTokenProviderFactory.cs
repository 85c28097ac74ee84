using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PatchHound.Core.Sources;
using PatchHound.Infrastructure.Secrets;

namespace PatchHound.Infrastructure.Defender;

/// <summary>Chooses how a source signs in: Azure.Identity for Defender, a plain token request for the simulator.</summary>
public sealed class DefenderTokenProviderFactory(
    ISecretResolver secrets,
    IHttpClientFactory httpClients,
    IOptions<DefenderOptions> options,
    TimeProvider time,
    ILoggerFactory loggers)
{
    public async Task<DefenderSignIn> CreateAsync(SourceConfiguration source, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var cache = new AccessTokenCache(time, settings.TokenRefreshMargin);

        // MSAL (inside Azure.Identity) only accepts an https authority; the simulator serves tokens over http,
        // so it gets a plain client-credentials POST instead.
        if (source.Kind == SourceKind.Simulator)
        {
            var document = await CredentialAsync(source, requireSecret: true, cancellationToken);
            var authority = string.IsNullOrEmpty(settings.SimulatorAuthorityHost)
                ? new Uri(source.BaseUrl).GetLeftPart(UriPartial.Authority)
                : settings.SimulatorAuthorityHost;
            var tokens = new ClientCredentialsTokenProvider(
                httpClients.CreateClient(DefenderHttpClients.Token),
                TokenEndpoint(authority, document.TenantId),
                document,
                settings.Scope,
                cache,
                time,
                loggers.CreateLogger<ClientCredentialsTokenProvider>());
            return new DefenderSignIn(tokens, document.TenantId);
        }

        var (credential, defenderTenant) = await CredentialAsync(source, settings, cancellationToken);
        return new DefenderSignIn(new TokenCredentialTokenProvider(credential, settings.Scope, cache), defenderTenant);
    }

    /// <returns>The credential and the Entra tenant it signs in to: a managed identity lives in one tenant, so every source it reads shares one budget.</returns>
    private async Task<(TokenCredential Credential, string DefenderTenant)> CredentialAsync(
        SourceConfiguration source, DefenderOptions settings, CancellationToken cancellationToken)
    {
        switch (settings.Credential)
        {
            case DefenderCredentialKind.ManagedIdentity:
                var identity = string.IsNullOrEmpty(settings.ManagedIdentityClientId)
                    ? ManagedIdentityId.SystemAssigned
                    : ManagedIdentityId.FromUserAssignedClientId(settings.ManagedIdentityClientId);
                return (new ManagedIdentityCredential(Configure(new ManagedIdentityCredentialOptions(identity), settings)),
                    $"managed-identity:{settings.ManagedIdentityClientId ?? "system"}");

            case DefenderCredentialKind.WorkloadIdentity:
                var federated = Configure(new WorkloadIdentityCredentialOptions(), settings);
                if (source.CredentialReference is not null)
                {
                    // Cross-tenant federation: the source names the customer's tenant and app.
                    var workload = await CredentialAsync(source, requireSecret: false, cancellationToken);
                    federated.TenantId = workload.TenantId;
                    federated.ClientId = workload.ClientId;
                }

                return (new WorkloadIdentityCredential(federated), federated.TenantId ?? "workload-identity");

            default:
                var document = await CredentialAsync(source, requireSecret: true, cancellationToken);
                return (new ClientSecretCredential(
                    document.TenantId,
                    document.ClientId,
                    document.ClientSecret,
                    Configure(new ClientSecretCredentialOptions(), settings)), document.TenantId);
        }
    }

    private async Task<DefenderCredentialDocument> CredentialAsync(
        SourceConfiguration source, bool requireSecret, CancellationToken cancellationToken)
    {
        if (source.CredentialReference is null)
        {
            throw new SourceConfigurationException($"Source {source.Id} has no credential reference.");
        }

        string value;
        try
        {
            value = await secrets.ResolveAsync(source.TenantId, source.CredentialReference, cancellationToken);
        }
        catch (SecretResolutionException exception)
        {
            throw new SourceConfigurationException($"Source {source.Id}: {exception.Message}", exception);
        }

        return DefenderCredentialDocument.Parse(value, source.CredentialReference, requireSecret);
    }

    /// <summary>The same authority, time-out and retry budget as the Defender requests themselves.</summary>
    private static TOptions Configure<TOptions>(TOptions credential, DefenderOptions settings)
        where TOptions : TokenCredentialOptions
    {
        credential.AuthorityHost = new Uri(settings.AuthorityHost);
        credential.Retry.MaxRetries = settings.MaxTransientAttempts - 1;
        credential.Retry.Delay = settings.RetryBaseDelay;
        credential.Retry.MaxDelay = settings.RetryMaxDelay;
        credential.Retry.NetworkTimeout = settings.TokenRequestTimeout;
        return credential;
    }

    private static Uri TokenEndpoint(string authority, string tenantId) =>
        new($"{authority.TrimEnd('/')}/{Uri.EscapeDataString(tenantId)}/oauth2/v2.0/token");
}
