namespace PatchHound.Reads.Dashboard;

/// <summary>
/// One UTC day of the trend: findings first seen that day, findings resolved that day (still resolved now), and
/// findings open at the end of the day (today: now).
/// </summary>
internal sealed record TrendDayDto(DateOnly Day, int Opened, int Resolved, int OpenAtEnd);
