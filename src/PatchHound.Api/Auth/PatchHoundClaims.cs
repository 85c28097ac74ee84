namespace PatchHound.Api.Auth;

/// <summary>Claim types PatchHound puts on a signed-in identity.</summary>
internal static class PatchHoundClaims
{
    public const string UserId = "sub";
    public const string Email = "email";
    public const string Name = "name";
    public const string PlatformOperator = "patchhound:platform_operator";

    /// <summary>Set for callers that are not users (API keys): <c>apikey:{prefix}</c>.</summary>
    public const string Actor = "patchhound:actor";

    /// <summary>One claim per membership, value <c>{tenantId}:{role}</c>.</summary>
    public const string TenantRole = "patchhound:tenant_role";

    /// <summary>The id of the API key a request is authenticated with; absent for people.</summary>
    public const string ApiKeyId = "patchhound:api_key_id";

    /// <summary>One claim per scope of the API key.</summary>
    public const string ApiKeyScope = "patchhound:api_key_scope";
}
