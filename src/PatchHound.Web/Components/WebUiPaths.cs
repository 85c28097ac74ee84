namespace PatchHound.Web.Components;

/// <summary>The UI's own URLs, built in one place.</summary>
public static class WebUiPaths
{
    public static string Tenant(string slug, string rest = "") => $"/t/{Uri.EscapeDataString(slug)}{rest}";

    public static string Findings(string slug, string query = "") => Tenant(slug, "/findings") + query;

    public static string Finding(string slug, Guid id) => Tenant(slug, $"/findings/{id}");

    /// <summary>The API's CSV export of the same filter (the REST route, downloaded outside enhanced navigation).</summary>
    public static string FindingsCsv(string slug, string query) => $"/api/tenants/{Uri.EscapeDataString(slug)}/findings/export.csv{query}";

    public static string Notifications(string slug, string query = "") => Tenant(slug, "/notifications") + query;

    public static string Sources(string slug) => Tenant(slug, "/sources");

    public static string Source(string slug, Guid id) => Tenant(slug, $"/sources/{id}");
}
