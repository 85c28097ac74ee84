namespace PatchHound.Benchmarks;

/// <summary>The targets, checked against the rows that were measured (they apply to the full sizes).</summary>
internal static class Targets
{
    private static readonly TimeSpan FirstRunTarget = TimeSpan.FromSeconds(15);
    private const double PeakMemoryRatioTarget = 1.2;

    public static IReadOnlyList<string> Check(BenchmarkOptions options, IReadOnlyList<ResultRow> rows)
    {
        var checks = new List<string>();
        var first = rows.FirstOrDefault(r => r.Scenario.StartsWith("1 tenant", StringComparison.Ordinal) && r.Run == "first run");
        var rerun = rows.FirstOrDefault(r => r.Scenario.StartsWith("1 tenant", StringComparison.Ordinal) && r.Run == "no-change rerun");
        var large = rows.FirstOrDefault(r => r.Scenario.StartsWith("1 large tenant", StringComparison.Ordinal));
        if (first is not null)
        {
            checks.Add(Verdict(first.Wall <= FirstRunTarget,
                $"first run ≤ {FirstRunTarget.TotalSeconds:F0} s end to end: {first.Wall.TotalSeconds:F1} s"));
        }

        if (rerun is not null && first is not null)
        {
            checks.Add(Verdict(rerun.Wall <= FirstRunTarget / 2,
                $"no-change rerun ≤ {(FirstRunTarget / 2).TotalSeconds:F1} s (half the first-run target): {rerun.Wall.TotalSeconds:F1} s, {rerun.Wall / first.Wall:P0} of the first run"));
        }

        if (large?.PeakRssMegabytes is { } largePeak && first?.PeakRssMegabytes is { } firstPeak)
        {
            checks.Add(Verdict(largePeak <= firstPeak * PeakMemoryRatioTarget,
                $"worker peak RSS at {Size.Of(large.Findings)} findings ≤ {PeakMemoryRatioTarget:F1}× the {Size.Of(first.Findings)} run: {largePeak:F0} MiB vs {firstPeak:F0} MiB = {largePeak / firstPeak:F2}×"));
        }

        checks.Add(Verdict(rows.All(r => r.DuplicatedRuns == 0 && r.DuplicatedBatches == 0),
            $"duplicated runs and batches: {rows.Sum(r => r.DuplicatedRuns)} and {rows.Sum(r => r.DuplicatedBatches)}"));
        if (options.Quick)
        {
            checks.Add("(quick mode: the time and memory targets are meant for the full sizes)");
        }

        return checks;
    }

    private static string Verdict(bool met, string text) => (met ? "met: " : "MISSED: ") + text;
}
