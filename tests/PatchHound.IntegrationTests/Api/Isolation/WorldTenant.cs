using PatchHound.Core.Identity;

namespace PatchHound.IntegrationTests.Api.Isolation;

/// <summary>One tenant of the isolation world: its users and one resource of every kind, by kind name.</summary>
public sealed class WorldTenant(ApiTenant tenant)
{
    public ApiTenant Tenant { get; } = tenant;

    public string Slug => Tenant.Slug;

    public Dictionary<string, string> Resources { get; } = [];

    public string this[string kind] => Resources.TryGetValue(kind, out var id)
        ? id
        : throw new InvalidOperationException($"The isolation world seeds no '{kind}' in {Slug}.");

    public string EmailOf(TenantRole role) => role switch
    {
        TenantRole.TenantAdmin => Tenant.AdminEmail,
        TenantRole.Analyst => Tenant.AnalystEmail,
        TenantRole.Auditor => Tenant.AuditorEmail,
        _ => throw new ArgumentOutOfRangeException(nameof(role)),
    };
}
