using System.Diagnostics;

namespace PatchHound.IntegrationTests.Harness;

/// <summary>Waits for something another process or connection makes true, failing the test when it does not in time.</summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    public static async Task HoldsAsync(Func<Task<bool>> condition, string because, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var limit = timeout ?? DefaultTimeout;
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            clock.Elapsed.Should().BeLessThan(limit, $"{because} within {limit}");
            await Task.Delay(TimeSpan.FromMilliseconds(20));
        }
    }

    public static Task HoldsAsync(Func<bool> condition, string because, TimeSpan? timeout = null) =>
        HoldsAsync(() => Task.FromResult(condition()), because, timeout);
}
