namespace PatchHound.DefenderSimulator.Stats;

/// <summary>What <c>GET /_sim/stats</c> counts per tenant and endpoint.</summary>
public enum StatKind
{
    Requests,
    Pages,
    Items,
    Throttled,
    ServerErrors,
    Unauthorized,
    Forbidden,
    FaultsInjected,
    TokensIssued,
    TokensRefused,

    /// <summary>Requests that carried an Authorization header where none belongs (the export files: SAS URLs).</summary>
    AuthorizationHeaders,

    /// <summary>The most requests (refused ones included) within the endpoint family's shortest rate-limit window.</summary>
    BusiestWindow,
}
