using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PatchHound.Core.Sources;

namespace PatchHound.Infrastructure.Defender;

/// <summary>Builds the client of one source (Defender or simulator) from its configuration.</summary>
public sealed class DefenderClientFactory(
    IHttpClientFactory httpClients,
    DefenderTokenProviderFactory tokenProviders,
    IOptions<DefenderOptions> options,
    TimeProvider time,
    ILogger<DefenderClient> logger)
{
    /// <exception cref="SourceConfigurationException">The source's credential cannot be resolved.</exception>
    public async Task<DefenderClient> CreateAsync(SourceConfiguration source, CancellationToken cancellationToken)
    {
        var tokens = await tokenProviders.CreateAsync(source, cancellationToken);
        return new DefenderClient(
            httpClients.CreateClient(DefenderHttpClients.Api),
            new DefenderEndpoint(new Uri(source.BaseUrl), source.PageSize),
            tokens,
            options.Value,
            time,
            logger);
    }
}
