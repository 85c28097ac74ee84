using PatchHound.Core.Tenancy;

namespace PatchHound.Api.RateLimiting;

/// <summary>An active tenant as the rate limiter needs it: its id (the partition) and edition (the limit).</summary>
internal sealed record KnownTenant(Guid Id, TenantEdition Edition);
