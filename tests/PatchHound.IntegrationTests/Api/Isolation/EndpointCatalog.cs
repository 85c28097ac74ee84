using PatchHound.Core.Identity;

namespace PatchHound.IntegrationTests.Api.Isolation;

/// <summary>
/// One case per endpoint of the API. The matrix fails for an endpoint of the route table that has no case here, so
/// a new endpoint cannot ship without its access rules being tested.
/// </summary>
public static class EndpointCatalog
{
    private static readonly TenantRole[] AdminOnly = [TenantRole.TenantAdmin];

    public static IReadOnlyList<EndpointCase> All { get; } =
    [
        // Public
        new("GET", "/", EndpointAccess.Public),
        new("*", "/health/live", EndpointAccess.Public),
        new("*", "/health/ready", EndpointAccess.Public),
        new("GET", "/openapi/{documentName}.json", EndpointAccess.Public, Ids: (_, _) => Map(("documentName", "v1"))),
        new("GET", "/api/reference/{documentName?}", EndpointAccess.Public, Ids: (_, _) => Map(("documentName", "v1"))),
        new("GET", "/api/reference/scalar.js", EndpointAccess.Public),
        new("GET", "/api/reference/scalar.aspnetcore.js", EndpointAccess.Public),
        new("GET", "/api/reference/favicon.svg", EndpointAccess.Public),
        new("POST", "/auth/dev/sign-in", EndpointAccess.Public, Body: w => new { email = w.A.Tenant.AnalystEmail }),
        new("POST", "/auth/sign-out", EndpointAccess.Public),

        // Operators
        new("*", "/admin/jobs/{**path}", EndpointAccess.Operator),
        new("GET", "/api/admin/jobs/failed", EndpointAccess.Operator),
        new("POST", "/api/admin/jobs/{id}/requeue", EndpointAccess.Operator, Ids: (_, _) => Map(("id", "1"))),

        // Ingestion runs
        new("POST", "/api/tenants/{tenant}/sources/{source:guid}/runs", EndpointAccess.Tenant, AdminOnly, Ids: Source),
        new("GET", "/api/tenants/{tenant}/sources/{source:guid}/runs", EndpointAccess.Tenant, AdminOnly, Ids: Source),
        new("GET", "/api/tenants/{tenant}/sources/{source:guid}/runs/{id:guid}", EndpointAccess.Tenant, AdminOnly, Ids: SourceRun),
        new("POST", "/api/tenants/{tenant}/sources/{source:guid}/runs/{id:guid}/cancel", EndpointAccess.Tenant, AdminOnly, Ids: SourceRun),
    ];

    private static Dictionary<string, string> Source(IsolationWorld world, WorldTenant tenant) => Map(("source", tenant["source"]));

    private static Dictionary<string, string> SourceRun(IsolationWorld world, WorldTenant tenant) =>
        Map(("source", tenant["source"]), ("id", tenant["run"]));

    private static Dictionary<string, string> Map(params (string Name, string Value)[] values) =>
        values.ToDictionary(v => v.Name, v => v.Value);
}
