using PatchHound.Core.Identity;

namespace PatchHound.Api.Tenancy;

/// <summary>Endpoint metadata: which membership roles of the route's tenant may call the endpoint.</summary>
internal sealed class TenantRolesMetadata(params TenantRole[] roles)
{
    public IReadOnlyList<TenantRole> Roles { get; } = roles;
}
