using System.Globalization;
using PatchHound.DefenderSimulator.Api;
using PatchHound.DefenderSimulator.Faults;
using PatchHound.DefenderSimulator.Stats;

namespace PatchHound.DefenderSimulator.Auth;

/// <summary>Entra ID's client credentials token endpoints, v2.0 (scope) and v1 (resource).</summary>
public static class TokenEndpoints
{
    public static IEndpointRouteBuilder MapTokenEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/{tenantId}/oauth2/v2.0/token", (string tenantId, HttpContext http, [AsParameters] TokenEndpointServices services) =>
            IssueAsync(tenantId, http, v2: true, services));
        app.MapPost("/{tenantId}/oauth2/token", (string tenantId, HttpContext http, [AsParameters] TokenEndpointServices services) =>
            IssueAsync(tenantId, http, v2: false, services));
        return app;
    }

    private static async Task<IResult> IssueAsync(string tenantId, HttpContext http, bool v2, TokenEndpointServices services)
    {
        var now = services.Time.GetUtcNow();
        services.Stats.Add(tenantId, SimulatorEndpoints.Token, StatKind.Requests);
        var faults = services.Faults.Evaluate(tenantId, SimulatorEndpoints.Token, 1);
        if (faults.LatencyMs > 0)
        {
            await Task.Delay(faults.LatencyMs, http.RequestAborted);
        }

        if (faults.Replacement is { } fault)
        {
            services.Stats.Add(tenantId, SimulatorEndpoints.Token, StatKind.FaultsInjected);
            return FaultAnswer(fault, tenantId, http, services, now);
        }

        var form = http.Request.HasFormContentType ? await http.Request.ReadFormAsync(http.RequestAborted) : FormCollection.Empty;
        var (request, error) = TokenRequest.Check(tenantId, form, http.Request.Headers.Authorization, v2, services.Tenants, services.Options.Value);
        if (error is not null || request is null)
        {
            services.Stats.Add(tenantId, SimulatorEndpoints.Token, StatKind.TokensRefused);
            return EntraError.Result(error!.Status, error.Error, error.Code, error.Description, now);
        }

        var token = services.Issuer.Issue(tenantId, request.ClientId, request.Audience, $"{RequestOrigin.Of(http.Request)}/{tenantId}/v2.0");
        services.Stats.Add(tenantId, SimulatorEndpoints.Token, StatKind.TokensIssued);
        http.Response.Headers.CacheControl = "no-store, no-cache";
        return v2
            ? TypedResults.Json(new Dictionary<string, object>
            {
                ["token_type"] = "Bearer",
                ["expires_in"] = token.ExpiresIn,
                ["ext_expires_in"] = token.ExpiresIn,
                ["access_token"] = token.AccessToken,
            })
            : TypedResults.Json(new Dictionary<string, object>
            {
                ["token_type"] = "Bearer",
                ["expires_in"] = token.ExpiresIn.ToString(CultureInfo.InvariantCulture),
                ["ext_expires_in"] = token.ExpiresIn.ToString(CultureInfo.InvariantCulture),
                ["expires_on"] = token.ExpiresOn.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
                ["not_before"] = now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
                ["resource"] = request.Audience,
                ["access_token"] = token.AccessToken,
            });
    }

    private static IResult FaultAnswer(FaultRule fault, string tenantId, HttpContext http, TokenEndpointServices services, DateTimeOffset now)
    {
        switch (fault.Kind)
        {
            case FaultKind.TooManyRequests:
                services.Stats.Add(tenantId, SimulatorEndpoints.Token, StatKind.Throttled);
                http.Response.Headers.RetryAfter = fault.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
                return EntraError.Result(429, "temporarily_unavailable", 90033, "Too many requests; retry later.", now);
            case FaultKind.HtmlErrorPage:
                return DefenderErrors.HtmlPage();
            case FaultKind.Unauthorized or FaultKind.Forbidden:
                services.Stats.Add(tenantId, SimulatorEndpoints.Token, StatKind.TokensRefused);
                return EntraError.Result(401, "invalid_client", 7000222, "The provided client secret keys are expired.", now);
            default:
                services.Stats.Add(tenantId, SimulatorEndpoints.Token, StatKind.ServerErrors);
                return EntraError.Result(fault.StatusCode, "temporarily_unavailable", 50001, "The service is temporarily unavailable.", now);
        }
    }
}
