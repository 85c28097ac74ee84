using System.Globalization;

namespace PatchHound.Reads.Audit;

/// <summary>
/// The audit log's filter, shared by the list, its CSV export and the audit log page: exact actor, action, entity
/// type and entity id; a time range, <c>from</c> inclusive and <c>to</c> exclusive.
/// </summary>
internal sealed record AuditLogFilter(
    string? Actor, string? Action, string? EntityType, string? EntityId, DateTimeOffset? From, DateTimeOffset? To)
{
    public const string DateMessage = "A date (yyyy-MM-dd) or a date and time with an offset (ISO 8601).";
    public const string RangeMessage = "Must be after from.";

    /// <summary>From a query string (the API's and the page's alike), with the messages written into <paramref name="errors"/>.</summary>
    public static AuditLogFilter Parse(
        string? actor, string? action, string? entityType, string? entityId, string? from, string? to, Dictionary<string, string[]> errors)
    {
        var filter = new AuditLogFilter(
            Blank(actor), Blank(action), Blank(entityType), Blank(entityId), Instant(from, "from", errors), Instant(to, "to", errors));
        if (filter.From is not null && filter.To is not null && filter.To <= filter.From)
        {
            errors.TryAdd("to", [RangeMessage]);
        }

        return filter;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static DateTimeOffset? Instant(string? text, string field, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        }

        if (DateTimeOffset.TryParse(text.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
        {
            return at;
        }

        errors[field] = [DateMessage];
        return null;
    }
}
