namespace PatchHound.Benchmarks;

/// <summary>One sweep timed one way: its median and slowest of <paramref name="Repeats"/> runs over <paramref name="Tenants"/> idle tenants.</summary>
internal sealed record SweepResultRow(string Sweep, string Path, int Tenants, TimeSpan Median, TimeSpan Slowest, int Repeats);
