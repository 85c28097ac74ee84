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
        new("GET", "/api", EndpointAccess.Public),
        new("*", "/health/live", EndpointAccess.Public),
        new("*", "/health/ready", EndpointAccess.Public),
        new("GET", "/openapi/{documentName}.json", EndpointAccess.Public, Ids: (_, _) => Map(("documentName", "v1"))),
        new("GET", "/api/reference/{documentName?}", EndpointAccess.Public, Ids: (_, _) => Map(("documentName", "v1"))),
        new("GET", "/api/reference/scalar.js", EndpointAccess.Public),
        new("GET", "/api/reference/scalar.aspnetcore.js", EndpointAccess.Public),
        new("GET", "/api/reference/favicon.svg", EndpointAccess.Public),
        new("POST", "/auth/dev/sign-in", EndpointAccess.Public, Body: w => new { email = w.A.Tenant.AnalystEmail }),
        new("POST", "/auth/sign-out", EndpointAccess.Public),

        // Web UI pages (static assets under /_content and /_framework are left out by RouteTable)
        new("GET", "/sign-in", EndpointAccess.Public),
        new("POST", "/sign-in", EndpointAccess.Public),
        new("GET", "/", EndpointAccess.Page),
        new("POST", "/", EndpointAccess.Page),
        new("GET", "/not-found", EndpointAccess.Page),
        new("POST", "/not-found", EndpointAccess.Page),
        new("GET", "/t/{Tenant}", EndpointAccess.Page),
        new("POST", "/t/{Tenant}", EndpointAccess.Page),
        new("GET", "/t/{Tenant}/findings", EndpointAccess.Page),
        new("POST", "/t/{Tenant}/findings", EndpointAccess.Page),
        new("GET", "/t/{Tenant}/findings/{Id:guid}", EndpointAccess.Page, Ids: Of(("Id", "finding"))),
        new("POST", "/t/{Tenant}/findings/{Id:guid}", EndpointAccess.Page, Ids: Of(("Id", "finding"))),
        new("GET", "/t/{Tenant}/devices", EndpointAccess.Page),
        new("POST", "/t/{Tenant}/devices", EndpointAccess.Page),
        new("GET", "/t/{Tenant}/devices/{Id:guid}", EndpointAccess.Page, Ids: Of(("Id", "device"))),
        new("POST", "/t/{Tenant}/devices/{Id:guid}", EndpointAccess.Page, Ids: Of(("Id", "device"))),
        new("GET", "/t/{Tenant}/vulnerabilities", EndpointAccess.Page),
        new("POST", "/t/{Tenant}/vulnerabilities", EndpointAccess.Page),
        new("GET", "/t/{Tenant}/vulnerabilities/{CveId}", EndpointAccess.Page, Ids: Of(("CveId", "cve"))),
        new("POST", "/t/{Tenant}/vulnerabilities/{CveId}", EndpointAccess.Page, Ids: Of(("CveId", "cve"))),
        new("GET", "/t/{Tenant}/software", EndpointAccess.Page),
        new("POST", "/t/{Tenant}/software", EndpointAccess.Page),
        new("GET", "/t/{Tenant}/notifications", EndpointAccess.Page),
        new("POST", "/t/{Tenant}/notifications", EndpointAccess.Page),
        new("GET", "/t/{Tenant}/sources", EndpointAccess.Page),
        new("POST", "/t/{Tenant}/sources", EndpointAccess.Page),
        new("GET", "/t/{Tenant}/sources/new", EndpointAccess.Page, AdminOnly),
        new("POST", "/t/{Tenant}/sources/new", EndpointAccess.Page, AdminOnly),
        new("GET", "/t/{Tenant}/sources/{Id:guid}", EndpointAccess.Page, Ids: Of(("Id", "source"))),
        new("POST", "/t/{Tenant}/sources/{Id:guid}", EndpointAccess.Page, Ids: Of(("Id", "source"))),
        new("GET", "/t/{Tenant}/sources/{Id:guid}/edit", EndpointAccess.Page, AdminOnly, Ids: Of(("Id", "source"))),
        new("POST", "/t/{Tenant}/sources/{Id:guid}/edit", EndpointAccess.Page, AdminOnly, Ids: Of(("Id", "source"))),
        new("GET", "/t/{Tenant}/cases", EndpointAccess.Page),
        new("POST", "/t/{Tenant}/cases", EndpointAccess.Page),
        new("GET", "/t/{Tenant}/cases/{Id:guid}", EndpointAccess.Page, Ids: Of(("Id", "case"))),
        new("POST", "/t/{Tenant}/cases/{Id:guid}", EndpointAccess.Page, Ids: Of(("Id", "case"))),
        new("GET", "/t/{Tenant}/approvals", EndpointAccess.Page, Roles: [TenantRole.TenantAdmin]),
        new("POST", "/t/{Tenant}/approvals", EndpointAccess.Page, Roles: [TenantRole.TenantAdmin]),
        new("GET", "/t/{Tenant}/approvals/{Id:guid}", EndpointAccess.Page, Ids: Of(("Id", "approval"))),
        new("POST", "/t/{Tenant}/approvals/{Id:guid}", EndpointAccess.Page, Ids: Of(("Id", "approval"))),
        new("GET", "/t/{Tenant}/risk-acceptances", EndpointAccess.Page),
        new("POST", "/t/{Tenant}/risk-acceptances", EndpointAccess.Page),
        new("GET", "/t/{Tenant}/risk-acceptances/{Id:guid}", EndpointAccess.Page, Ids: Of(("Id", "riskAcceptance"))),
        new("POST", "/t/{Tenant}/risk-acceptances/{Id:guid}", EndpointAccess.Page, Ids: Of(("Id", "riskAcceptance"))),
        new("GET", "/t/{Tenant}/my-work", EndpointAccess.Page),
        new("POST", "/t/{Tenant}/my-work", EndpointAccess.Page),
        new("GET", "/t/{Tenant}/settings", EndpointAccess.Page, AdminOnly),
        new("POST", "/t/{Tenant}/settings", EndpointAccess.Page, AdminOnly),
        new("GET", "/t/{Tenant}/settings/api-keys", EndpointAccess.Page, AdminOnly),
        new("POST", "/t/{Tenant}/settings/api-keys", EndpointAccess.Page, AdminOnly),
        new("GET", "/operator/tenants", EndpointAccess.Page),
        new("POST", "/operator/tenants", EndpointAccess.Page),
        new("GET", "/operator/tenants/{Id:guid}/members", EndpointAccess.Page, Ids: (_, tenant) => Map(("Id", tenant.Tenant.Id.ToString()))),
        new("POST", "/operator/tenants/{Id:guid}/members", EndpointAccess.Page, Ids: (_, tenant) => Map(("Id", tenant.Tenant.Id.ToString()))),
        new("GET", "/operator/jobs/failed", EndpointAccess.Page),
        new("POST", "/operator/jobs/failed", EndpointAccess.Page),
        new("GET", "/t/{Tenant}/audit-log", EndpointAccess.Page, [TenantRole.Auditor, TenantRole.TenantAdmin]),
        new("POST", "/t/{Tenant}/audit-log", EndpointAccess.Page, [TenantRole.Auditor, TenantRole.TenantAdmin]),

        // Operators
        new("*", "/admin/jobs/{**path}", EndpointAccess.Operator),
        new("GET", "/api/admin/jobs/failed", EndpointAccess.Operator),
        new("POST", "/api/admin/jobs/{id}/requeue", EndpointAccess.Operator, Ids: (_, _) => Map(("id", "1"))),

        // Any signed-in caller
        new("GET", "/api/me", EndpointAccess.SignedIn),
        new("*", "/hubs/notifications", EndpointAccess.SignedIn),
        new("*", "/hubs/notifications/negotiate", EndpointAccess.SignedIn),

        // Operators: tenants and memberships
        new("GET", "/api/admin/tenants", EndpointAccess.Operator),
        new("POST", "/api/admin/tenants", EndpointAccess.Operator,
            Body: _ => new { slug = "new-tenant", name = "New tenant", edition = "Free" }, EnumFields: ["edition"]),
        new("GET", "/api/admin/tenants/{id:guid}", EndpointAccess.Operator, Ids: TenantId),
        new("PUT", "/api/admin/tenants/{id:guid}", EndpointAccess.Operator, Ids: TenantId,
            Body: _ => new { name = "Renamed", edition = "Standard", settings = new { ingestionRetryCount = 3, timeZone = "UTC" } },
            EnumFields: ["edition"]),
        new("POST", "/api/admin/tenants/{id:guid}/suspend", EndpointAccess.Operator, Ids: TenantId),
        new("POST", "/api/admin/tenants/{id:guid}/reactivate", EndpointAccess.Operator, Ids: TenantId),
        new("GET", "/api/admin/tenants/{id:guid}/memberships", EndpointAccess.Operator, Ids: TenantId),
        new("POST", "/api/admin/tenants/{id:guid}/memberships", EndpointAccess.Operator, Ids: TenantId,
            Body: _ => new { email = "new.member@api.test", displayName = "New member", role = "Analyst" }, EnumFields: ["role"]),
        new("PUT", "/api/admin/tenants/{id:guid}/memberships/{userId:guid}", EndpointAccess.Operator, Ids: TenantMember,
            Body: _ => new { role = "Auditor" }, EnumFields: ["role"]),
        new("DELETE", "/api/admin/tenants/{id:guid}/memberships/{userId:guid}", EndpointAccess.Operator, Ids: TenantMember),

        // The caller in a tenant
        new("GET", "/api/tenants/{tenant}/me", EndpointAccess.Tenant),

        // API keys
        new("GET", "/api/tenants/{tenant}/api-keys", EndpointAccess.Tenant, AdminOnly),
        new("POST", "/api/tenants/{tenant}/api-keys", EndpointAccess.Tenant, AdminOnly,
            Body: _ => new { name = "automation", scopes = new[] { "read" }, expiresInDays = 30 }),
        new("GET", "/api/tenants/{tenant}/api-keys/{id:guid}", EndpointAccess.Tenant, AdminOnly, Ids: Of(("id", "apiKey"))),
        new("POST", "/api/tenants/{tenant}/api-keys/{id:guid}/revoke", EndpointAccess.Tenant, AdminOnly, Ids: Of(("id", "apiKey"))),

        // Sources, credentials, SLA policy
        new("GET", "/api/tenants/{tenant}/sources", EndpointAccess.Tenant),
        new("POST", "/api/tenants/{tenant}/sources", EndpointAccess.Tenant, AdminOnly,
            Body: _ => new { kind = "Simulator", name = "another source", cronSchedule = "0 * * * *", baseUrl = "http://127.0.0.1:5090", pageSize = 100, enabled = true },
            EnumFields: ["kind"]),
        new("GET", "/api/tenants/{tenant}/sources/{id:guid}", EndpointAccess.Tenant, Ids: Of(("id", "source"))),
        new("PUT", "/api/tenants/{tenant}/sources/{id:guid}", EndpointAccess.Tenant, AdminOnly, Ids: Of(("id", "source")),
            Body: _ => new { name = "renamed source", cronSchedule = "0 * * * *", baseUrl = "http://127.0.0.1:5090", pageSize = 100, enabled = false }),
        new("DELETE", "/api/tenants/{tenant}/sources/{id:guid}", EndpointAccess.Tenant, AdminOnly, Ids: Of(("id", "source"))),
        new("PUT", "/api/tenants/{tenant}/sources/{id:guid}/credentials", EndpointAccess.Tenant, AdminOnly, Ids: Of(("id", "source")),
            Body: _ => new { tenantId = "entra-tenant", clientId = "client", clientSecret = "not-a-real-secret" }),
        new("DELETE", "/api/tenants/{tenant}/sources/{id:guid}/credentials", EndpointAccess.Tenant, AdminOnly, Ids: Of(("id", "source"))),
        new("GET", "/api/tenants/{tenant}/sla-policy", EndpointAccess.Tenant),
        new("PUT", "/api/tenants/{tenant}/sla-policy", EndpointAccess.Tenant, AdminOnly,
            Body: _ => new { criticalDays = 7, highDays = 30, mediumDays = 90, lowDays = 180 }),

        // Ingestion runs
        new("POST", "/api/tenants/{tenant}/sources/{source:guid}/runs", EndpointAccess.Tenant, AdminOnly, Ids: Of(("source", "source"))),
        new("GET", "/api/tenants/{tenant}/sources/{source:guid}/runs", EndpointAccess.Tenant, AdminOnly, Ids: Of(("source", "source"))),
        new("GET", "/api/tenants/{tenant}/sources/{source:guid}/runs/{id:guid}", EndpointAccess.Tenant, AdminOnly, Ids: SourceRun),
        new("POST", "/api/tenants/{tenant}/sources/{source:guid}/runs/{id:guid}/cancel", EndpointAccess.Tenant, AdminOnly, Ids: SourceRun),

        // Inventory and findings
        new("GET", "/api/tenants/{tenant}/dashboard", EndpointAccess.Tenant),
        new("GET", "/api/tenants/{tenant}/devices", EndpointAccess.Tenant),
        new("GET", "/api/tenants/{tenant}/devices/{id:guid}", EndpointAccess.Tenant, Ids: Of(("id", "device"))),
        new("GET", "/api/tenants/{tenant}/devices/{id:guid}/software", EndpointAccess.Tenant, Ids: Of(("id", "device"))),
        new("GET", "/api/tenants/{tenant}/software", EndpointAccess.Tenant),
        new("GET", "/api/tenants/{tenant}/findings", EndpointAccess.Tenant),
        new("GET", "/api/tenants/{tenant}/findings/export.csv", EndpointAccess.Tenant),
        new("GET", "/api/tenants/{tenant}/findings/{id:guid}", EndpointAccess.Tenant, Ids: Of(("id", "finding"))),
        new("GET", "/api/tenants/{tenant}/vulnerabilities", EndpointAccess.Tenant),
        new("GET", "/api/tenants/{tenant}/vulnerabilities/{cveId}", EndpointAccess.Tenant, Ids: Of(("cveId", "cve"))),

        // Remediation cases
        new("GET", "/api/tenants/{tenant}/cases", EndpointAccess.Tenant),
        new("POST", "/api/tenants/{tenant}/cases", EndpointAccess.Tenant,
            Body: w => new { title = "Patch it", vulnerabilityId = IsolationWorld.SharedCve, triageDueAt = DateTimeOffset.UtcNow.AddDays(3) }),
        new("GET", "/api/tenants/{tenant}/cases/{id:guid}", EndpointAccess.Tenant, Ids: Of(("id", "case"))),
        new("PUT", "/api/tenants/{tenant}/cases/{id:guid}/assignee", EndpointAccess.Tenant, Ids: Of(("id", "case")),
            Body: w => new { assigneeUserId = w.A["analystUser"] }),
        new("DELETE", "/api/tenants/{tenant}/cases/{id:guid}/assignee", EndpointAccess.Tenant, Ids: Of(("id", "case"))),
        new("POST", "/api/tenants/{tenant}/cases/{id:guid}/stage", EndpointAccess.Tenant, Ids: Of(("id", "case")),
            Body: _ => new { stage = "Remediation", dueAt = DateTimeOffset.UtcNow.AddDays(14), reason = "Fix scheduled." }, EnumFields: ["stage"]),
        new("POST", "/api/tenants/{tenant}/cases/{id:guid}/close", EndpointAccess.Tenant, Ids: Of(("id", "case"))),
        new("GET", "/api/tenants/{tenant}/cases/{id:guid}/comments", EndpointAccess.Tenant, Ids: Of(("id", "case"))),
        new("POST", "/api/tenants/{tenant}/cases/{id:guid}/comments", EndpointAccess.Tenant, Ids: Of(("id", "case")),
            Body: _ => new { body = "A comment." }),
        new("GET", "/api/tenants/{tenant}/cases/{id:guid}/comments/{commentId:guid}", EndpointAccess.Tenant,
            Ids: Of(("id", "case"), ("commentId", "comment"))),

        // Approvals and risk acceptances
        new("GET", "/api/tenants/{tenant}/approvals", EndpointAccess.Tenant),
        new("POST", "/api/tenants/{tenant}/approvals", EndpointAccess.Tenant,
            Body: w => new { kind = "RiskAcceptance", findingId = w.A["finding"], justification = "Compensating control." }, EnumFields: ["kind"]),
        new("GET", "/api/tenants/{tenant}/approvals/{id:guid}", EndpointAccess.Tenant, Ids: Of(("id", "approval"))),
        new("POST", "/api/tenants/{tenant}/approvals/{id:guid}/approve", EndpointAccess.Tenant, Ids: Of(("id", "approval")),
            Body: _ => new { comment = "Granted.", acceptedUntil = DateTimeOffset.UtcNow.AddDays(30) }),
        new("POST", "/api/tenants/{tenant}/approvals/{id:guid}/deny", EndpointAccess.Tenant, Ids: Of(("id", "approval")),
            Body: _ => new { comment = "Denied." }),
        new("GET", "/api/tenants/{tenant}/risk-acceptances", EndpointAccess.Tenant),
        new("GET", "/api/tenants/{tenant}/risk-acceptances/{id:guid}", EndpointAccess.Tenant, Ids: Of(("id", "riskAcceptance"))),
        new("POST", "/api/tenants/{tenant}/risk-acceptances/{id:guid}/revoke", EndpointAccess.Tenant, Ids: Of(("id", "riskAcceptance"))),

        // Notifications and the audit log
        new("GET", "/api/tenants/{tenant}/notifications", EndpointAccess.Tenant),
        new("GET", "/api/tenants/{tenant}/notifications/unread-count", EndpointAccess.Tenant),
        new("GET", "/api/tenants/{tenant}/notifications/{id:guid}", EndpointAccess.Tenant, Ids: Of(("id", "notification"))),
        new("POST", "/api/tenants/{tenant}/notifications/{id:guid}/read", EndpointAccess.Tenant, Ids: Of(("id", "notification"))),
        new("POST", "/api/tenants/{tenant}/notifications/read-all", EndpointAccess.Tenant),
        new("GET", "/api/tenants/{tenant}/audit-log", EndpointAccess.Tenant),
        new("GET", "/api/tenants/{tenant}/audit-log/export.csv", EndpointAccess.Tenant),
        new("GET", "/api/tenants/{tenant}/audit-log/{id:guid}", EndpointAccess.Tenant, Ids: Of(("id", "auditEntry"))),
    ];

    /// <summary>Route values named by the kind of resource each one points at in the tenant.</summary>
    private static Func<IsolationWorld, WorldTenant, IReadOnlyDictionary<string, string>> Of(params (string Parameter, string Kind)[] values) =>
        (_, tenant) => values.ToDictionary(v => v.Parameter, v => tenant[v.Kind]);

    private static Dictionary<string, string> SourceRun(IsolationWorld world, WorldTenant tenant) =>
        Map(("source", tenant["source"]), ("id", tenant["run"]));

    private static Dictionary<string, string> TenantId(IsolationWorld world, WorldTenant tenant) => Map(("id", tenant.Tenant.Id.ToString()));

    private static Dictionary<string, string> TenantMember(IsolationWorld world, WorldTenant tenant) =>
        Map(("id", tenant.Tenant.Id.ToString()), ("userId", tenant["analystUser"]));

    private static Dictionary<string, string> Map(params (string Name, string Value)[] values) =>
        values.ToDictionary(v => v.Name, v => v.Value);
}
