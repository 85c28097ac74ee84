namespace PatchHound.Core.Common;

/// <summary>
/// Shape check for five-field UTC cron expressions. Full parsing (and next-slot arithmetic) belongs to
/// infrastructure, which owns the cron library.
/// </summary>
public static class CronFormat
{
    public const int FieldCount = 5;

    public static bool IsWellFormed(string? expression) =>
        expression is not null
        && expression.Length <= Limits.Cron
        && expression.Split(' ', '\t').Count(field => field.Length > 0) == FieldCount;

    internal static string Ensure(string? expression, string code)
    {
        Guard.Rule(
            IsWellFormed(expression),
            code,
            $"A schedule must be a UTC cron expression of {FieldCount} fields, for example \"0 */6 * * *\".");
        return string.Join(' ', expression!.Split(' ', '\t').Where(field => field.Length > 0));
    }
}
