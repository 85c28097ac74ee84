using System.Globalization;
using System.Text;

namespace PatchHound.Benchmarks;

/// <summary>The printed result: Markdown tables (pasted as they are into docs/benchmarks.md) and the targets.</summary>
internal static class ResultTable
{
    public const string Heading = "| scenario | run | devices | findings | pages | wall s | findings/s | floor s | × floor | hop p50 / max ms | worker peak RSS MiB | dup runs | dup batches |";

    public static string Render(IReadOnlyList<ResultRow> rows, IReadOnlyList<string> targets)
    {
        var text = new StringBuilder();
        text.AppendLine(Heading);
        text.AppendLine("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
        foreach (var row in rows)
        {
            text.AppendLine(Invariant($"| {row.Scenario} | {row.Run}{Status(row)} | {row.Devices:N0} | {row.Findings:N0} | {row.Pages:N0} | {row.Wall.TotalSeconds:F1} | {row.FindingsPerSecond:N0} | {row.Floor.TotalSeconds:F1} | {row.FloorRatio:F1} | {Milliseconds(row.HopMedian)} / {Milliseconds(row.HopMax)} | {Megabytes(row.PeakRssMegabytes)} | {row.DuplicatedRuns} | {row.DuplicatedBatches} |"));
        }

        text.AppendLine();
        text.AppendLine("Where the time goes (seconds; batch jobs and merge from Hangfire's Processing → Succeeded, hops from Succeeded → next Processing):");
        text.AppendLine();
        text.AppendLine("| scenario | run | first pickup | batch jobs Σ | merge | hops Σ | hops ≥ 0.5 s | source paging alone | new / reopened / resolved | job failures |");
        text.AppendLine("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|");
        foreach (var row in rows)
        {
            text.AppendLine(Invariant($"| {row.Scenario} | {row.Run} | {Seconds(row.FirstPickup)} | {row.BatchJobs.TotalSeconds:F1} | {row.Merge.TotalSeconds:F1} | {row.HopTotal.TotalSeconds:F1} | {row.SlowHops} of {row.Hops.Count} | {row.SourceRead.TotalSeconds:F1} | {row.FindingsNew:N0} / {row.FindingsReopened:N0} / {row.FindingsResolved:N0} | {row.JobFailures} |"));
        }

        text.AppendLine();
        text.AppendLine("Targets:");
        foreach (var target in targets)
        {
            text.AppendLine("- " + target);
        }

        return text.ToString();
    }

    private static string Status(ResultRow row) => row.Status == "Succeeded" ? string.Empty : $" ({row.Status})";

    private static string Milliseconds(TimeSpan? value) => value is { } v ? Invariant($"{v.TotalMilliseconds:F0}") : "–";

    private static string Seconds(TimeSpan? value) => value is { } v ? Invariant($"{v.TotalSeconds:F1}") : "–";

    private static string Megabytes(double? value) => value is { } v ? Invariant($"{v:F0}") : "–";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
