using PatchHound.Infrastructure.Defender;

namespace PatchHound.IntegrationTests.Defender;

internal sealed class StaticTokenProvider(string token = "static-token") : IDefenderTokenProvider
{
    public ValueTask<string> GetTokenAsync(CancellationToken cancellationToken) => ValueTask.FromResult(token);
}
