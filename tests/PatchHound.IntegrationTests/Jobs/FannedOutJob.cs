namespace PatchHound.IntegrationTests.Jobs;

/// <summary>One batch job a sweep fanned out: its Hangfire id and state, its job class, the tenants it was given.</summary>
internal sealed record FannedOutJob(long Id, string State, string JobType, IReadOnlyList<Guid> TenantIds);
