
namespace PatchHound.Reads.Dashboard;

/// <summary>The tenant at a glance, as of <see cref="AsOf"/>. "Open" means status Open (risk-accepted findings are not).</summary>
internal sealed record DashboardDto(
    DateTimeOffset AsOf, SeverityCountsDto OpenBySeverity, SlaExposureDto Sla, KevExposureDto KnownExploited, IReadOnlyList<TrendDayDto> Trend);
