using PatchHound.Core.Findings;

namespace PatchHound.IntegrationTests.Api.Read;

/// <summary>One seeded finding of tenant A; days relative to <see cref="ReadApiFixture.Now"/>.</summary>
public sealed record FindingSeed(
    string Label, string Device, string CveId, string Product, FindingStatus Status, int FirstSeenDays, int? DueDays, int? ResolvedDays = null);
