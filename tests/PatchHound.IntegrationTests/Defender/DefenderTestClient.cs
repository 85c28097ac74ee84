using Microsoft.Extensions.Logging.Abstractions;
using PatchHound.Infrastructure.Defender;

namespace PatchHound.IntegrationTests.Defender;

internal static class DefenderTestClient
{
    /// <summary>Options with short backoffs so retry tests take milliseconds.</summary>
    public static DefenderOptions FastOptions() => new()
    {
        RetryBaseDelay = TimeSpan.FromMilliseconds(10),
        RetryMaxDelay = TimeSpan.FromMilliseconds(50),
        MaxTransientAttempts = 3,
        MaxThrottledAttempts = 3,
        MaxPageBytes = 1 << 20,
        RequestTimeout = TimeSpan.FromSeconds(10),
    };

    public static DefenderClient For(FakeDefenderServer server, DefenderOptions? options = null, int pageSize = 2) =>
        new(
            new HttpClient(),
            new DefenderEndpoint(server.BaseUrl, pageSize),
            new StaticTokenProvider(),
            options ?? FastOptions(),
            TimeProvider.System,
            NullLogger<DefenderClient>.Instance);

    public static async Task<List<SourcePage<T>>> ReadAllAsync<T>(IAsyncEnumerable<SourcePage<T>> pages)
    {
        var all = new List<SourcePage<T>>();
        await foreach (var page in pages)
        {
            all.Add(page);
        }

        return all;
    }

    public static CancellationToken Timeout() => new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token;
}
