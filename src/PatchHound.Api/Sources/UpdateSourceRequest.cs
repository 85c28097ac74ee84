using System.ComponentModel.DataAnnotations;
using PatchHound.Core.Common;
using PatchHound.Core.Sources;

namespace PatchHound.Api.Sources;

/// <summary>Replaces a source's settings; its kind and credential are not part of it.</summary>
// Public because the .NET 10 validation generator skips internal types, which would go unvalidated.
public sealed record UpdateSourceRequest(
    [Required, StringLength(Limits.Name)] string Name,
    [Required, StringLength(Limits.Cron)] string CronSchedule,
    [Required, StringLength(Limits.Url)] string BaseUrl,
    [Required, Range(1, SourceConfiguration.MaxPageSize)] int? PageSize,
    [Required] bool? Enabled,
    [Range(1, SourceConfiguration.MaxFullRunIntervalDays)] int? FullRunIntervalDays = null,
    SourcePullMode? PullMode = null);
