using System.Diagnostics;

namespace PatchHound.ApiBenchmarks;

/// <summary>
/// Latency percentiles (ms) and throughput of one load phase, and how many methods the runtime compiled during it
/// (many means the process was still tiering up, not yet at its steady state).
/// </summary>
internal sealed record LatencySummary(int Requests, int Errors, double Seconds, double P50, double P95, double P99, double Max)
{
    public long MethodsCompiled { get; init; }

    /// <summary>How long the same load ran unrecorded before this phase.</summary>
    public double WarmupSeconds { get; init; }

    public double PerSecond => Requests / Seconds;

    public static LatencySummary Of(IEnumerable<long> elapsedTicks, int errors, double seconds)
    {
        var sorted = elapsedTicks.Select(t => t * 1000.0 / Stopwatch.Frequency).Order().ToArray();
        double At(double p) => sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
        return new LatencySummary(sorted.Length, errors, seconds, At(0.50), At(0.95), At(0.99), sorted.Length == 0 ? double.NaN : sorted[^1]);
    }
}
