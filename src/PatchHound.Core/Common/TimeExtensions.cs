namespace PatchHound.Core.Common;

internal static class TimeExtensions
{
    /// <summary>
    /// Npgsql writes <c>timestamptz</c> only from offset-zero values, so every stored instant is normalised here
    /// rather than failing at SaveChanges far from the code that produced it.
    /// </summary>
    public static DateTimeOffset Utc(this DateTimeOffset value) => value.ToUniversalTime();

    public static DateTimeOffset? Utc(this DateTimeOffset? value) => value?.ToUniversalTime();
}
