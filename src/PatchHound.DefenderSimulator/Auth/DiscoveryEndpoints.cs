namespace PatchHound.DefenderSimulator.Auth;

/// <summary>
/// Enough Entra ID metadata for MSAL / Azure.Identity to take the simulator as an authority host: instance
/// discovery, OpenID configuration and an (empty) key set — tokens are HMAC-signed and only this simulator checks them.
/// </summary>
public static class DiscoveryEndpoints
{
    public static IEndpointRouteBuilder MapDiscoveryEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/{tenantId}/v2.0/.well-known/openid-configuration", (string tenantId, HttpRequest request) =>
            TypedResults.Json(OpenIdConfiguration(RequestOrigin.Of(request), request.Host.Host, tenantId)));
        app.MapGet("/{tenantId}/discovery/v2.0/keys", () => TypedResults.Json(new { keys = Array.Empty<object>() }));
        app.MapGet("/common/discovery/instance", (HttpRequest request, string? authorization_endpoint) =>
            TypedResults.Json(InstanceDiscovery(request, authorization_endpoint)));
        return app;
    }

    private static Dictionary<string, object> OpenIdConfiguration(string origin, string host, string tenantId) => new()
    {
        ["token_endpoint"] = $"{origin}/{tenantId}/oauth2/v2.0/token",
        ["token_endpoint_auth_methods_supported"] = new[] { "client_secret_post", "client_secret_basic" },
        ["jwks_uri"] = $"{origin}/{tenantId}/discovery/v2.0/keys",
        ["response_modes_supported"] = new[] { "query", "fragment", "form_post" },
        ["subject_types_supported"] = new[] { "pairwise" },
        ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
        ["response_types_supported"] = new[] { "code", "id_token", "code id_token", "id_token token" },
        ["scopes_supported"] = new[] { "openid", "profile", "email", "offline_access" },
        ["issuer"] = $"{origin}/{tenantId}/v2.0",
        ["request_uri_parameter_supported"] = false,
        ["authorization_endpoint"] = $"{origin}/{tenantId}/oauth2/v2.0/authorize",
        ["device_authorization_endpoint"] = $"{origin}/{tenantId}/oauth2/v2.0/devicecode",
        ["end_session_endpoint"] = $"{origin}/{tenantId}/oauth2/v2.0/logout",
        ["http_logout_supported"] = true,
        ["frontchannel_logout_supported"] = true,
        ["tenant_region_scope"] = "EU",
        ["cloud_instance_name"] = host,
        ["cloud_graph_host_name"] = host,
        ["msgraph_host"] = host,
    };

    private static Dictionary<string, object> InstanceDiscovery(HttpRequest request, string? authorizationEndpoint)
    {
        var tenant = Uri.TryCreate(authorizationEndpoint, UriKind.Absolute, out var uri) && uri.Segments.Length > 1
            ? uri.Segments[1].TrimEnd('/')
            : "common";
        var host = request.Host.Value ?? "localhost";
        return new()
        {
            ["tenant_discovery_endpoint"] = $"{RequestOrigin.Of(request)}/{tenant}/v2.0/.well-known/openid-configuration",
            ["api-version"] = "1.1",
            ["metadata"] = new[] { new { preferred_network = host, preferred_cache = host, aliases = new[] { host } } },
        };
    }
}
