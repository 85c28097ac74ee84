using System.Globalization;
using System.Text;

namespace PatchHound.Benchmarks;

/// <summary>The sweeps scenario as a Markdown table, with the target of one second per sweep.</summary>
internal static class SweepResultTable
{
    public static readonly TimeSpan Target = TimeSpan.FromSeconds(1);

    public static string Render(IReadOnlyList<SweepResultRow> rows)
    {
        var table = new StringBuilder();
        table.AppendLine("| sweep | path | idle tenants | median | slowest | runs | target ≤ 1 s |");
        table.AppendLine("|---|---|---:|---:|---:|---:|---|");
        foreach (var row in rows)
        {
            var met = row.Path.StartsWith("due", StringComparison.Ordinal) ? (row.Slowest <= Target ? "met" : "MISSED") : "—";
            table.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {row.Sweep} | {row.Path} | {row.Tenants:N0} | {Milliseconds(row.Median)} | {Milliseconds(row.Slowest)} | {row.Repeats} | {met} |"));
        }

        return table.ToString();
    }

    private static string Milliseconds(TimeSpan time) =>
        time.TotalSeconds >= 10 ? $"{time.TotalSeconds:F1} s" : $"{time.TotalMilliseconds:F0} ms";
}
