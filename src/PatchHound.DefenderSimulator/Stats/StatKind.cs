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
}
