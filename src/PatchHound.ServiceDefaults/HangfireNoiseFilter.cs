using System.Diagnostics;
using OpenTelemetry;

namespace PatchHound.ServiceDefaults;

/// <summary>
/// Drops the database spans of Hangfire's own bookkeeping (queue polling, LISTEN/NOTIFY, heartbeats, state writes —
/// every statement on the hangfire schema), so a trace shows PatchHound's statements. Unrecorded spans are not exported.
/// </summary>
internal sealed class HangfireNoiseFilter : BaseProcessor<Activity>
{
    private static readonly string[] StatementTags = ["db.query.text", "db.statement"];

    public override void OnStart(Activity data)
    {
        if (data.Source.Name != "Npgsql")
        {
            return;
        }

        foreach (var tag in StatementTags)
        {
            if (data.GetTagItem(tag) is string statement && IsHangfire(statement))
            {
                data.ActivityTraceFlags &= ~ActivityTraceFlags.Recorded;
                data.IsAllDataRequested = false;
                return;
            }
        }
    }

    internal static bool IsHangfire(string statement) =>
        statement.Contains("hangfire.", StringComparison.OrdinalIgnoreCase)
        || statement.Contains("\"hangfire\".", StringComparison.OrdinalIgnoreCase)
        || statement.TrimStart().StartsWith("LISTEN", StringComparison.OrdinalIgnoreCase);
}
