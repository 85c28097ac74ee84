namespace PatchHound.Benchmarks;

/// <summary>One measured run (or, for the many-tenants scenario, all its runs together) and its floor.</summary>
internal sealed record ResultRow
{
    public required string Scenario { get; init; }

    public required string Run { get; init; }

    public required string Status { get; init; }

    public int Devices { get; init; }

    public int Findings { get; init; }

    public int Pages { get; init; }

    public TimeSpan Wall { get; init; }

    public TimeSpan Floor { get; init; }

    public IReadOnlyList<TimeSpan> Hops { get; init; } = [];

    public double? PeakRssMegabytes { get; init; }

    public int DuplicatedRuns { get; init; }

    public int DuplicatedBatches { get; init; }

    public int JobFailures { get; init; }

    public TimeSpan? FirstPickup { get; init; }

    public TimeSpan BatchJobs { get; init; }

    public TimeSpan Merge { get; init; }

    /// <summary>Paging the same data set alone, single-threaded, with the product's client (once per scenario).</summary>
    public TimeSpan SourceRead { get; init; }

    public int FindingsNew { get; init; }

    public int FindingsReopened { get; init; }

    public int FindingsResolved { get; init; }

    public double FindingsPerSecond => Wall > TimeSpan.Zero ? Findings / Wall.TotalSeconds : 0;

    public double FloorRatio => Floor > TimeSpan.Zero ? Wall / Floor : 0;

    public TimeSpan HopTotal => Hops.Aggregate(TimeSpan.Zero, (total, hop) => total + hop);

    public TimeSpan? HopMedian => Percentile(0.5);

    /// <summary>Hops of half a second or more: a worker waited for something (a lock's retry sleep, a poll).</summary>
    public int SlowHops => Hops.Count(hop => hop >= TimeSpan.FromMilliseconds(500));

    public TimeSpan? HopMax => Hops.Count == 0 ? null : Hops.Max();

    private TimeSpan? Percentile(double share)
    {
        if (Hops.Count == 0)
        {
            return null;
        }

        var sorted = Hops.Order().ToList();
        return sorted[Math.Max(0, (int)Math.Ceiling(share * sorted.Count) - 1)];
    }
}
