using System.Text.RegularExpressions;
using PatchHound.Core.Identity;

namespace PatchHound.IntegrationTests.Api.Isolation;

/// <summary>
/// How the isolation matrix calls one endpoint: who it is for, the roles allowed (tenant endpoints), a valid body,
/// the route values naming resources (other than <c>{tenant}</c>) — resolved in a world so the same case names
/// tenant A's resources or tenant B's — and the body's enum fields (JSON paths) for the malformed-body checks.
/// </summary>
public sealed partial record EndpointCase(
    string Method,
    string Pattern,
    EndpointAccess Access,
    TenantRole[]? Roles = null,
    Func<IsolationWorld, object>? Body = null,
    Func<IsolationWorld, WorldTenant, IReadOnlyDictionary<string, string>>? Ids = null,
    string[]? EnumFields = null)
{
    public string Key => RouteTable.Key(Method, Pattern);

    /// <summary>True when the route names resources besides the tenant, so a foreign id can be tried.</summary>
    public bool HasResourceIds => Ids is not null;

    public override string ToString() => Key;

    /// <summary>The path with <c>{tenant}</c> set to <paramref name="routeTenant"/> and ids taken from <paramref name="idsOf"/>.</summary>
    public string PathFor(IsolationWorld world, WorldTenant routeTenant, WorldTenant idsOf)
    {
        var ids = Ids?.Invoke(world, idsOf) ?? new Dictionary<string, string>();
        return Parameter().Replace(Pattern, match =>
        {
            var name = match.Groups["name"].Value;
            if (name.Equals("tenant", StringComparison.OrdinalIgnoreCase))
            {
                return routeTenant.Slug;
            }

            if (match.Groups["catchall"].Success)
            {
                return string.Empty;
            }

            // A case without seeded ids names resources that exist nowhere: enough for the 401 and 403 checks.
            return Uri.EscapeDataString(ids.TryGetValue(name, out var value) ? value : UnknownValueFor(name));
        });
    }

    private static string UnknownValueFor(string parameter) =>
        parameter.Contains("cve", StringComparison.OrdinalIgnoreCase) ? "CVE-2099-99999" : Guid.NewGuid().ToString();

    [GeneratedRegex(@"\{(?<catchall>\*\*)?(?<name>[A-Za-z]+)\??(:[^}]*)?\}")]
    private static partial Regex Parameter();
}
