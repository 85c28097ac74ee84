using PatchHound.Core.Sources;

namespace PatchHound.Reads.Sources;

/// <summary>
/// A source as the API shows it. The credential is never part of it: only whether one is set and when it was last
/// set through the API.
/// </summary>
internal sealed record SourceDto(
    Guid Id,
    SourceKind Kind,
    string Name,
    string CronSchedule,
    string BaseUrl,
    int PageSize,
    bool Enabled,
    bool HasCredentials,
    DateTimeOffset? CredentialsSetAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    /// <summary>Null: every run is a full export; N: deltas between full exports every N days (ADR 0016).</summary>
    public int? FullRunIntervalDays { get; init; }

    /// <summary>
    /// How full exports are read: <c>Full</c> (the paged JSON export) or <c>Files</c> (via files). Runs between full
    /// exports are <c>Delta</c> runs when <see cref="FullRunIntervalDays"/> is set, whichever this is.
    /// </summary>
    public SourcePullMode PullMode { get; init; }

    public static SourceDto From(SourceConfiguration source, DateTimeOffset? credentialsSetAt) => new(
        source.Id, source.Kind, source.Name, source.CronSchedule, source.BaseUrl, source.PageSize, source.Enabled,
        source.CredentialReference is not null, source.CredentialReference is null ? null : credentialsSetAt,
        source.CreatedAt, source.UpdatedAt)
    {
        FullRunIntervalDays = source.FullRunIntervalDays,
        PullMode = source.PullMode,
    };
}
