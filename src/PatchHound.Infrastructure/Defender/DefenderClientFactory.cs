using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PatchHound.Core.Sources;
using PatchHound.Infrastructure.Defender.RateBudget;

namespace PatchHound.Infrastructure.Defender;

/// <summary>Builds the client of one source (Defender or simulator) from its configuration, paced by its Defender tenant's budget.</summary>
public sealed class DefenderClientFactory(
    IHttpClientFactory httpClients,
    DefenderTokenProviderFactory tokenProviders,
    DefenderCallBudget budget,
    IOptions<DefenderOptions> options,
    TimeProvider time,
    ILogger<DefenderClient> logger)
{
    /// <exception cref="SourceConfigurationException">The source's credential cannot be resolved.</exception>
    public async Task<DefenderClient> CreateAsync(SourceConfiguration source, CancellationToken cancellationToken)
    {
        var signIn = await tokenProviders.CreateAsync(source, cancellationToken);
        var settings = options.Value;
        return new DefenderClient(
            httpClients.CreateClient(DefenderHttpClients.Api),
            new DefenderEndpoint(new Uri(source.BaseUrl), source.PageSize),
            signIn.Tokens,
            settings,
            time,
            logger,
            new DefenderCallPacer(budget, signIn.DefenderTenant, settings.RateBudget, time, logger));
    }
}
