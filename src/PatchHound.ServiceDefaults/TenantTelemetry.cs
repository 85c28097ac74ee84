using System.Diagnostics;

namespace PatchHound.ServiceDefaults;

/// <summary>
/// The tenant on telemetry (ADR 0009). Whoever enters a tenant tags the current span; <see cref="TenantSpanProcessor"/>
/// copies the tags onto every span started below it, so a request's or job's statements carry the tenant too.
/// Metrics never carry these: tenant ids as labels would explode their cardinality.
/// </summary>
public static class TenantTelemetry
{
    public const string TenantIdAttribute = "patchhound.tenant.id";
    public const string TenantEditionAttribute = "patchhound.tenant.edition";
    public const string EndUserIdAttribute = "enduser.id";

    /// <summary>PatchHound's own spans and meters: jobs, ingestion, sweeps.</summary>
    public const string SourceName = "PatchHound";

    public static readonly ActivitySource Source = new(SourceName);

    public static void Tag(Activity? activity, Guid tenantId, string edition)
    {
        activity?.SetTag(TenantIdAttribute, tenantId.ToString());
        activity?.SetTag(TenantEditionAttribute, edition);
    }
}
