using PatchHound.Core.Identity;

namespace PatchHound.Api.ApiKeys;

/// <summary>
/// The scopes a tenant admin can give an API key. <c>read</c> and <c>write</c> map to a tenant role, so a key passes
/// the same role checks as a person: <c>read</c> acts as an Auditor, <c>write</c> as an Analyst (who also reads). A key
/// never acts as a TenantAdmin, except on an endpoint that names a scope the key holds (see
/// <see cref="ApiKeyEndpointConventions.RequireApiKeyScope{TBuilder}"/>): <c>ingestion:trigger</c> on ingestion runs.
/// </summary>
internal static class ApiKeyScopes
{
    public const string Read = "read";
    public const string Write = "write";
    public const string IngestionTrigger = "ingestion:trigger";

    public static readonly IReadOnlyList<string> All = [Read, Write, IngestionTrigger];

    public static bool IsKnown(string? scope) => scope is not null && All.Contains(scope, StringComparer.Ordinal);

    public static IReadOnlyList<TenantRole> RolesFor(IEnumerable<string> scopes)
    {
        var roles = new List<TenantRole>();
        foreach (var scope in scopes)
        {
            switch (scope)
            {
                case Read:
                    roles.Add(TenantRole.Auditor);
                    break;
                case Write:
                    roles.Add(TenantRole.Analyst);
                    break;
            }
        }

        return roles;
    }

    /// <summary><c>write</c> includes <c>read</c>: an Analyst reads what an Auditor reads.</summary>
    public static bool Grants(IReadOnlyCollection<string> held, string required) =>
        held.Contains(required) || (required == Read && held.Contains(Write));
}
