using PatchHound.Core.Tenancy;

namespace PatchHound.Infrastructure.Tenancy;

/// <summary>What a request or job needs to know of its tenant before entering it.</summary>
public sealed record KnownTenant(Guid Id, string Slug, TenantEdition Edition, TenantStatus Status);
