using System.Diagnostics.CodeAnalysis;

namespace PatchHound.Core.Common;

/// <summary>Domain checks that fail with a <see cref="DomainRuleViolationException"/> carrying a stable code.</summary>
internal static class Guard
{
    public static void Rule([DoesNotReturnIf(false)] bool holds, string code, string message)
    {
        if (!holds)
        {
            throw new DomainRuleViolationException(code, message);
        }
    }

    /// <summary>Trimmed, non-blank text of at most <paramref name="maxLength"/> characters.</summary>
    public static string Text(string? value, int maxLength, string code, string field)
    {
        var trimmed = value?.Trim();
        Rule(!string.IsNullOrEmpty(trimmed), code, $"{field} is required.");
        Rule(trimmed.Length <= maxLength, code, $"{field} must be at most {maxLength} characters.");
        return trimmed;
    }

    /// <summary>Like <see cref="Text"/>, but blank means absent.</summary>
    public static string? OptionalText(string? value, int maxLength, string code, string field) =>
        string.IsNullOrWhiteSpace(value) ? null : Text(value, maxLength, code, field);

    public static Guid Id(Guid value, string code, string field)
    {
        Rule(value != Guid.Empty, code, $"{field} is required.");
        return value;
    }

    public static Guid TenantId(Guid value) => Id(value, "tenant.id_required", "TenantId");

    public static void After(DateTimeOffset later, DateTimeOffset earlier, string code, string message) =>
        Rule(later > earlier, code, message);
}
