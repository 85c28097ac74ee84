using System.Diagnostics;

namespace PatchHound.ApiBenchmarks;

/// <summary>N closed-loop clients, each starting its next operation as soon as the last one ends, for a fixed time.</summary>
internal static class LoadRun
{
    /// <summary>
    /// The same load unrecorded for <paramref name="warmup"/> first, so the figures are the steady state: the runtime
    /// has tiered the hot code up and the connection pools are full.
    /// </summary>
    public static async Task<LatencySummary> MeasureAsync(
        int clients, TimeSpan warmup, TimeSpan duration, Func<int, CancellationToken, Task> operation)
    {
        if (warmup > TimeSpan.Zero)
        {
            await RunAsync(clients, warmup, operation);
        }

        return await RunAsync(clients, duration, operation);
    }

    public static async Task<LatencySummary> RunAsync(int clients, TimeSpan duration, Func<int, CancellationToken, Task> operation)
    {
        var next = -1;
        var errors = 0;
        using var stop = new CancellationTokenSource(duration);
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            var elapsed = new List<long>(4096);
            while (!stop.IsCancellationRequested)
            {
                var started = Stopwatch.GetTimestamp();
                try
                {
                    await operation(Interlocked.Increment(ref next), CancellationToken.None);
                    elapsed.Add(Stopwatch.GetTimestamp() - started);
                }
                catch (Exception e) when (e is HttpRequestException or InvalidOperationException or Npgsql.NpgsqlException)
                {
                    Interlocked.Increment(ref errors);
                }
            }

            return elapsed;
        })).ToList();
        var results = await Task.WhenAll(workers);
        return LatencySummary.Of(results.SelectMany(r => r), errors, clock.Elapsed.TotalSeconds);
    }
}
