namespace PatchHound.Web.Components;

/// <summary>The UI's own URLs, built in one place.</summary>
public static class WebUiPaths
{
    public static string Tenant(string slug, string rest = "") => $"/t/{Uri.EscapeDataString(slug)}{rest}";

    public static string Findings(string slug, string query = "") => Tenant(slug, "/findings") + query;

    public static string Finding(string slug, Guid id) => Tenant(slug, $"/findings/{id}");

    public static string Devices(string slug, string query = "") => Tenant(slug, "/devices") + query;

    public static string Device(string slug, Guid id) => Tenant(slug, $"/devices/{id}");

    public static string Vulnerabilities(string slug, string query = "") => Tenant(slug, "/vulnerabilities") + query;

    public static string Vulnerability(string slug, string cveId) => Tenant(slug, $"/vulnerabilities/{Uri.EscapeDataString(cveId)}");

    public static string Software(string slug, string query = "") => Tenant(slug, "/software") + query;

    public static string Cases(string slug) => Tenant(slug, "/cases");

    public static string Case(string slug, Guid id) => Tenant(slug, $"/cases/{id}");

    public static string Approvals(string slug, string query = "") => Tenant(slug, "/approvals") + query;

    public static string Approval(string slug, Guid id) => Tenant(slug, $"/approvals/{id}");

    public static string RiskAcceptances(string slug, string query = "") => Tenant(slug, "/risk-acceptances") + query;

    public static string RiskAcceptance(string slug, Guid id) => Tenant(slug, $"/risk-acceptances/{id}");

    public static string MyWork(string slug) => Tenant(slug, "/my-work");

    /// <summary>A query string (with a leading <c>?</c>, or empty) of the pairs that have a value.</summary>
    public static string Query(IEnumerable<(string Name, string? Value)> pairs)
    {
        var query = string.Join('&', pairs.Where(p => !string.IsNullOrWhiteSpace(p.Value)).Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value!)}"));
        return query.Length == 0 ? string.Empty : "?" + query;
    }

    /// <summary>The API's CSV export of the same filter (the REST route, downloaded outside enhanced navigation).</summary>
    public static string FindingsCsv(string slug, string query) => $"/api/tenants/{Uri.EscapeDataString(slug)}/findings/export.csv{query}";

    public static string Notifications(string slug, string query = "") => Tenant(slug, "/notifications") + query;

    public static string Sources(string slug) => Tenant(slug, "/sources");

    public static string Source(string slug, Guid id) => Tenant(slug, $"/sources/{id}");

    public static string NewSource(string slug) => Tenant(slug, "/sources/new");

    public static string EditSource(string slug, Guid id) => Tenant(slug, $"/sources/{id}/edit");
}
