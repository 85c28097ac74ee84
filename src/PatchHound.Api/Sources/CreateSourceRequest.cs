using System.ComponentModel.DataAnnotations;
using PatchHound.Core.Common;
using PatchHound.Core.Sources;

namespace PatchHound.Api.Sources;

/// <summary>
/// A new source. Its credential is set afterwards with <c>PUT /sources/{id}/credentials</c>; the page size defaults to
/// 1000 and a new source is enabled unless <see cref="Enabled"/> says otherwise. Without
/// <see cref="FullRunIntervalDays"/> every run is a full export; with it, runs between full exports are deltas (ADR 0016).
/// <see cref="PullMode"/> <c>Files</c> reads full exports via files instead of the paged JSON export (null: <c>Full</c>).
/// </summary>
// Public because the .NET 10 validation generator skips internal types, which would go unvalidated.
public sealed record CreateSourceRequest(
    [Required] SourceKind? Kind,
    [Required, StringLength(Limits.Name)] string Name,
    [Required, StringLength(Limits.Cron)] string CronSchedule,
    [Required, StringLength(Limits.Url)] string BaseUrl,
    [Range(1, SourceConfiguration.MaxPageSize)] int? PageSize,
    bool? Enabled,
    [Range(1, SourceConfiguration.MaxFullRunIntervalDays)] int? FullRunIntervalDays = null,
    SourcePullMode? PullMode = null);
