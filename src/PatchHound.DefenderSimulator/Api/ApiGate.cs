using PatchHound.DefenderSimulator.Auth;
using PatchHound.DefenderSimulator.Faults;
using PatchHound.DefenderSimulator.Stats;
using PatchHound.DefenderSimulator.Throttling;

namespace PatchHound.DefenderSimulator.Api;

/// <summary>
/// What every Defender API request passes first: the bearer token (which names the tenant), counting, the tenant's
/// documented rate limits and faults.
/// </summary>
public sealed class ApiGate(TokenIssuer issuer, FaultBoard faults, SimulatorStats stats, TenantRateLimits rateLimits)
{
    private const string BearerPrefix = "Bearer ";

    /// <summary>The caller's tenant from its token, or the 401 (or, past the tenant's rate limit, the 429) to answer with.</summary>
    public (string? TenantId, IResult? Refusal) Authenticate(HttpContext http, string endpoint)
    {
        var header = http.Request.Headers.Authorization.ToString();
        var validation = header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase)
            ? issuer.Validate(header[BearerPrefix.Length..].Trim())
            : TokenValidation.Refused("Authorization header is missing or is not a bearer token.");
        if (!validation.IsValid || validation.TenantId is null)
        {
            stats.Add(SimulatorStats.UnknownTenant, endpoint, StatKind.Requests);
            stats.Add(SimulatorStats.UnknownTenant, endpoint, StatKind.Unauthorized);
            return (null, DefenderErrors.Unauthorized(http.Response, validation.Error ?? "The access token names no tenant."));
        }

        stats.Add(validation.TenantId, endpoint, StatKind.Requests);
        if (rateLimits.Check(validation.TenantId, endpoint) is { } refusal)
        {
            stats.Add(validation.TenantId, endpoint, StatKind.Throttled);
            var seconds = (int)Math.Max(1, Math.Ceiling(refusal.RetryAfter.TotalSeconds));
            return (null, DefenderErrors.TooManyRequests(http.Response, seconds, refusal.Limit.ToString()));
        }

        return (validation.TenantId, null);
    }

    /// <summary>Evaluates the armed faults for this page; waits out latency; returns the replacement answer if one fired.</summary>
    public async Task<(FaultPlan Plan, IResult? Replacement)> ApplyFaultsAsync(HttpContext http, string tenantId, string endpoint, int page)
    {
        var plan = faults.Evaluate(tenantId, endpoint, page);
        if (!plan.Any)
        {
            return (plan, null);
        }

        stats.Add(tenantId, endpoint, StatKind.FaultsInjected);
        if (plan.LatencyMs > 0)
        {
            await Task.Delay(plan.LatencyMs, http.RequestAborted);
        }

        return plan.Replacement is not { } fault ? (plan, null) : (plan, Replacement(fault, http, tenantId, endpoint));
    }

    private IResult Replacement(FaultRule fault, HttpContext http, string tenantId, string endpoint)
    {
        switch (fault.Kind)
        {
            case FaultKind.TooManyRequests:
                stats.Add(tenantId, endpoint, StatKind.Throttled);
                return DefenderErrors.TooManyRequests(http.Response, fault.RetryAfterSeconds);
            case FaultKind.Unauthorized:
                stats.Add(tenantId, endpoint, StatKind.Unauthorized);
                return DefenderErrors.Unauthorized(http.Response, "The access token has expired.");
            case FaultKind.Forbidden:
                stats.Add(tenantId, endpoint, StatKind.Forbidden);
                return DefenderErrors.Forbidden();
            case FaultKind.HtmlErrorPage:
                return DefenderErrors.HtmlPage();
            default:
                stats.Add(tenantId, endpoint, StatKind.ServerErrors);
                return DefenderErrors.Error(fault.StatusCode, fault.StatusCode == 503 ? "ServiceUnavailable" : "InternalServerError",
                    "An error occurred while processing the request.");
        }
    }
}
