using System.Diagnostics;

namespace PatchHound.ApiBenchmarks;

/// <summary>N closed-loop clients, each starting its next operation as soon as the last one ends, for a fixed time.</summary>
internal static class LoadRun
{
    // Tiering up an ASP.NET Core and EF process on two busy cores takes a minute or more: the runtime compiles
    // thousands of methods again (instrumented, then optimized) on one background thread.
    public const int SteadyCompilesPerSecond = 20;
    public static readonly TimeSpan WarmupLimit = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan WarmupSlice = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The same load unrecorded first, for <paramref name="warmup"/> and then on in slices until the runtime compiles
    /// almost nothing more (or two minutes have passed), so the figures are the steady state of a replica that has
    /// served for a while: the hot code tiered up and the connection pools full.
    /// </summary>
    public static async Task<LatencySummary> MeasureAsync(
        int clients, TimeSpan warmup, TimeSpan duration, Func<int, CancellationToken, Task> operation)
    {
        var warming = Stopwatch.StartNew();
        if (warmup > TimeSpan.Zero)
        {
            await RunAsync(clients, warmup, operation);
            while (warming.Elapsed < WarmupLimit)
            {
                var compiled = System.Runtime.JitInfo.GetCompiledMethodCount();
                await RunAsync(clients, WarmupSlice, operation);
                if (System.Runtime.JitInfo.GetCompiledMethodCount() - compiled < SteadyCompilesPerSecond * WarmupSlice.TotalSeconds)
                {
                    break;
                }
            }
        }

        var warmedFor = warming.Elapsed;
        var compiledBefore = System.Runtime.JitInfo.GetCompiledMethodCount();
        var summary = await RunAsync(clients, duration, operation);
        return summary with
        {
            MethodsCompiled = System.Runtime.JitInfo.GetCompiledMethodCount() - compiledBefore,
            WarmupSeconds = warmedFor.TotalSeconds,
        };
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
