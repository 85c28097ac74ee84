namespace PatchHound.Api.ApiKeys;

/// <summary>Endpoint metadata that says what an API key needs to call an endpoint.</summary>
internal static class ApiKeyEndpointConventions
{
    /// <summary>
    /// API-key callers need this scope here instead of the default (<c>read</c> for GET, <c>write</c> otherwise); a
    /// key that holds it acts with the tenant role the endpoint requires.
    /// </summary>
    public static TBuilder RequireApiKeyScope<TBuilder>(this TBuilder builder, string scope)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ApiKeyScopeMetadata(scope));

    /// <summary>Only people may call these endpoints (e.g. managing API keys themselves).</summary>
    public static TBuilder RefuseApiKeys<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ApiKeysRefusedMetadata());
}
