using System.Globalization;

namespace PatchHound.Core.Ingestion;

/// <summary>
/// How a run of a source reads (ADR 0016): a delta of the changes since the last successful run when the source asks
/// for deltas, its last full run is younger than its interval and that since time lies inside Defender's 14-day
/// window; otherwise a full export, with a note saying why a delta was not possible.
/// </summary>
public sealed record PullPlan(IngestionPullMode Mode, DateTimeOffset? Since, string? Note)
{
    /// <summary>Defender's delta export answers for <c>sinceTime</c> up to 14 days back.</summary>
    public static readonly TimeSpan DeltaWindow = TimeSpan.FromDays(14);

    // Kept off the window's edge: the request reaches Defender moments after the plan is made.
    private static readonly TimeSpan WindowMargin = TimeSpan.FromHours(1);

    public static PullPlan For(
        int? fullRunIntervalDays, DateTimeOffset now, DateTimeOffset? lastFullRunStart, DateTimeOffset? lastSuccessfulRunStart)
    {
        if (fullRunIntervalDays is not { } days)
        {
            return new PullPlan(IngestionPullMode.Full, null, null);
        }

        if (lastFullRunStart is not { } full || lastSuccessfulRunStart is not { } since)
        {
            return Fallback("no successful full run yet");
        }

        if (now - full >= TimeSpan.FromDays(days))
        {
            return new PullPlan(IngestionPullMode.Full, null, string.Create(
                CultureInfo.InvariantCulture, $"Full run: the last one started {full:u}, {days} days or more ago."));
        }

        return now - since > DeltaWindow - WindowMargin
            ? Fallback(string.Create(CultureInfo.InvariantCulture, $"the last successful run started {since:u}, beyond the 14-day delta window"))
            : new PullPlan(IngestionPullMode.Delta, since, null);
    }

    private static PullPlan Fallback(string reason) =>
        new(IngestionPullMode.Full, null, $"Delta not possible ({reason}): fell back to a full run.");
}
