using System.Text.Json;

namespace PatchHound.Core.Common;

internal static class JsonText
{
    /// <summary>JSON columns are <c>jsonb</c>: refusing malformed text here gives a domain error, not a database one.</summary>
    public static string? Optional(string? value, string code, string field)
    {
        if (value is null)
        {
            return null;
        }

        try
        {
            using var _ = JsonDocument.Parse(value);
            return value;
        }
        catch (JsonException)
        {
            throw new DomainRuleViolationException(code, $"{field} must be valid JSON.");
        }
    }

    public static string Required(string? value, string code, string field)
    {
        Guard.Rule(!string.IsNullOrWhiteSpace(value), code, $"{field} is required.");
        return Optional(value, code, field)!;
    }
}
