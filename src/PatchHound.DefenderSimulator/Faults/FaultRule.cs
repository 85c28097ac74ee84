namespace PatchHound.DefenderSimulator.Faults;

/// <summary>
/// One armed fault: which requests it matches (tenant, endpoint, page; null = any), how often it fires among the
/// matches (every Nth, at most Times) and its parameters. Bound from <c>Simulator:Faults:{i}:*</c> and posted as JSON
/// to <c>/_sim/faults</c>.
/// </summary>
public sealed class FaultRule
{
    public FaultKind Kind { get; set; }

    /// <summary>Tenant id (case-insensitive); null = every tenant.</summary>
    public string? Tenant { get; set; }

    /// <summary><c>machines</c>, <c>vulnerabilities</c> or <c>token</c>; null = the two API endpoints.</summary>
    public string? Endpoint { get; set; }

    /// <summary>Page number from 1 (the first request of a run is page 1); null = every page.</summary>
    public int? Page { get; set; }

    /// <summary>Fire on the Nth, 2Nth, … matching request; 1 = every matching request.</summary>
    public int EveryNth { get; set; } = 1;

    /// <summary>Stop after firing this many times; null = never stop.</summary>
    public int? Times { get; set; }

    public int LatencyMs { get; set; } = 1000;

    public int RetryAfterSeconds { get; set; } = 1;

    public int StatusCode { get; set; } = 503;

    public int OversizeMegabytes { get; set; } = 20;

    internal bool Matches(string tenant, string endpoint, int page) =>
        (Tenant is null || string.Equals(Tenant, tenant, StringComparison.OrdinalIgnoreCase))
        && (Endpoint is null ? endpoint != SimulatorEndpoints.Token : string.Equals(Endpoint, endpoint, StringComparison.OrdinalIgnoreCase))
        && (Page is null || Page == page);

    internal IEnumerable<string> Problems(string name)
    {
        if (!Enum.IsDefined(Kind))
        {
            yield return $"{name}:Kind is not a known fault.";
        }

        if (Endpoint is not null && !SimulatorEndpoints.All.Contains(Endpoint, StringComparer.OrdinalIgnoreCase))
        {
            yield return $"{name}:Endpoint must be one of {string.Join(", ", SimulatorEndpoints.All)}.";
        }

        if (EveryNth < 1 || Times < 0 || Page < 1 || LatencyMs < 0 || RetryAfterSeconds < 0 || OversizeMegabytes < 1)
        {
            yield return $"{name}: EveryNth and Page must be at least 1; Times, LatencyMs and RetryAfterSeconds not negative; OversizeMegabytes at least 1.";
        }

        if (Kind == FaultKind.ServerError && StatusCode is < 500 or > 599)
        {
            yield return $"{name}:StatusCode must be a 5xx.";
        }
    }
}
