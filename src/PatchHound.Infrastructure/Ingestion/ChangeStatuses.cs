namespace PatchHound.Infrastructure.Ingestion;

/// <summary>
/// The <c>status</c> of a delta export row. Only Fixed resolves: an unknown word counts as Updated, so a status
/// Defender adds later never closes a finding.
/// </summary>
public static class ChangeStatuses
{
    public const string New = "New";
    public const string Fixed = "Fixed";
    public const string Updated = "Updated";

    public static string? Normalize(string? status) => status?.Trim() switch
    {
        null or "" => null,
        var word when word.Equals(Fixed, StringComparison.OrdinalIgnoreCase) => Fixed,
        var word when word.Equals(New, StringComparison.OrdinalIgnoreCase) => New,
        _ => Updated,
    };
}
