using PatchHound.Core.Common;

namespace PatchHound.Api.Errors;

/// <summary>
/// The domain's own input checks (codes <c>entity.invalid_field</c>) are bad requests about one field, not
/// conflicts: they answer 400 with that field named, like the endpoint's own validation. A refused state change
/// (<c>entity.invalid_transition</c>) stays a conflict.
/// </summary>
internal static class DomainFieldErrors
{
    private const string Marker = ".invalid_";

    private const string Transition = ".invalid_transition";

    public static bool IsInvalidValue(DomainRuleViolationException rule) =>
        rule.Code.Contains(Marker, StringComparison.Ordinal) && !rule.Code.EndsWith(Transition, StringComparison.Ordinal);

    public static Dictionary<string, string[]> From(DomainRuleViolationException rule)
    {
        var snake = rule.Code[(rule.Code.IndexOf(Marker, StringComparison.Ordinal) + Marker.Length)..];
        var parts = snake.Split('_', StringSplitOptions.RemoveEmptyEntries);
        var field = string.Concat(parts.Select((p, i) => i == 0 ? p : char.ToUpperInvariant(p[0]) + p[1..]));
        return new() { [field] = [rule.Message] };
    }
}
