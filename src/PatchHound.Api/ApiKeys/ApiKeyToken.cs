namespace PatchHound.Api.ApiKeys;

/// <summary>
/// The secret as handed to the caller: <c>ph_{tenant id, 32 hex}_{random secret}</c>. The tenant id lets
/// authentication look the key up inside its own tenant (row-level security allows nothing else); the first
/// characters of the random part are the key's prefix.
/// </summary>
internal static class ApiKeyToken
{
    private const string Marker = "ph_";
    private const int TenantHexLength = 32;
    private const int SecretStart = 3 + TenantHexLength + 1;

    public static string Format(Guid tenantId, string secret) => $"{Marker}{tenantId:N}_{secret}";

    public static bool TryParse(string? token, out Guid tenantId, out string secret)
    {
        tenantId = Guid.Empty;
        secret = string.Empty;
        if (token is null
            || token.Length <= SecretStart + Core.Identity.ApiKey.PrefixLength
            || !token.StartsWith(Marker, StringComparison.Ordinal)
            || token[SecretStart - 1] != '_'
            || !Guid.TryParseExact(token.AsSpan(Marker.Length, TenantHexLength), "N", out tenantId)
            || tenantId == Guid.Empty)
        {
            return false;
        }

        secret = token[SecretStart..];
        return true;
    }
}
