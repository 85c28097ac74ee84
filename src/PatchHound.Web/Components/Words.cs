using System.Globalization;

namespace PatchHound.Web.Components;

/// <summary>How figures read on the pages: one place for dates, ages, percentages and state names.</summary>
public static class Words
{
    public static string Date(DateTimeOffset? at) => at?.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? string.Empty;

    public static string Date(DateOnly? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? string.Empty;

    public static string DateTime(DateTimeOffset? at) =>
        at?.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) ?? string.Empty;

    public static string Age(DateTimeOffset since, DateTimeOffset now) =>
        $"{Math.Max(0, (int)(now - since).TotalDays).ToString(CultureInfo.InvariantCulture)} d";

    public static string Percent(decimal? probability) =>
        probability is { } p ? (p * 100m).ToString("0.#", CultureInfo.InvariantCulture) + " %" : string.Empty;

    public static string Sla(string state) => state switch
    {
        "WithinSla" => "Within SLA",
        "DueSoon" => "Due soon",
        "Breached" => "Breached",
        "NoSla" => "No SLA",
        _ => state,
    };

    /// <summary>Defender's exploitability levels in words.</summary>
    public static string Exploitability(string level) => level switch
    {
        "NoExploit" => "No known exploit",
        "ExploitIsPublic" => "Public exploit",
        "ExploitIsVerified" => "Verified exploit",
        "ExploitIsInKit" => "In exploit kits",
        _ => level,
    };

    /// <summary>The time left until a deadline, in days and hours ("2 d 3 h"; "under an hour" at the end).</summary>
    public static string TimeLeft(DateTimeOffset deadline, DateTimeOffset now)
    {
        var left = deadline - now;
        if (left <= TimeSpan.Zero)
        {
            return "expired";
        }

        var days = (int)left.TotalDays;
        return days == 0 && left.Hours == 0
            ? "under an hour"
            : days == 0 ? $"{left.Hours.ToString(CultureInfo.InvariantCulture)} h" : $"{days.ToString(CultureInfo.InvariantCulture)} d {left.Hours.ToString(CultureInfo.InvariantCulture)} h";
    }

    /// <summary>A count with its noun, singular for one ("1 request waits", "3 requests wait").</summary>
    public static string Count(int count, string one, string many) =>
        $"{count.ToString(CultureInfo.InvariantCulture)} {(count == 1 ? one : many)}";
}
