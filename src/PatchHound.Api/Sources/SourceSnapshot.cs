using PatchHound.Core.Sources;

namespace PatchHound.Api.Sources;

/// <summary>What the audit log keeps of a source before and after a change: never the credential, nor its reference.</summary>
internal sealed record SourceSnapshot(SourceKind Kind, string Name, string CronSchedule, string BaseUrl, int PageSize, bool Enabled, bool HasCredentials)
{
    public int? FullRunIntervalDays { get; init; }

    public SourcePullMode PullMode { get; init; }

    public static SourceSnapshot From(SourceConfiguration source) => new(
        source.Kind, source.Name, source.CronSchedule, source.BaseUrl, source.PageSize, source.Enabled, source.CredentialReference is not null)
    {
        FullRunIntervalDays = source.FullRunIntervalDays,
        PullMode = source.PullMode,
    };
}
