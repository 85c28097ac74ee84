using System.Globalization;

namespace PatchHound.Core.Sources;

/// <summary>At most <see cref="Calls"/> calls in any <see cref="Per"/> (a sliding window).</summary>
public sealed record CallLimit
{
    public CallLimit()
    {
    }

    public CallLimit(int calls, TimeSpan per)
    {
        Calls = calls;
        Per = per;
    }

    public int Calls { get; init; }

    public TimeSpan Per { get; init; }

    public bool IsValid => Calls >= 1 && Per > TimeSpan.Zero && Per <= TimeSpan.FromDays(1);

    /// <summary>"30 per 1 minute", "1000 per 1 hour", as Defender's throttling message words it.</summary>
    public override string ToString() => Per switch
    {
        { TotalHours: >= 1 } when Per.TotalHours % 1 == 0 => Words(Per.TotalHours, "hour"),
        { TotalMinutes: >= 1 } when Per.TotalMinutes % 1 == 0 => Words(Per.TotalMinutes, "minute"),
        _ => Words(Per.TotalSeconds, "second"),
    };

    private string Words(double count, string unit) =>
        string.Create(CultureInfo.InvariantCulture, $"{Calls} per {count:0.###} {unit}{(count == 1 ? string.Empty : "s")}");
}
