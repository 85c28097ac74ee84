namespace PatchHound.DefenderSimulator.Faults;

/// <summary>The faults that fired for one request: a delay, at most one replacement response, and body corruptions.</summary>
public sealed record FaultPlan(int LatencyMs, FaultRule? Replacement, IReadOnlySet<FaultKind> Corruptions, int OversizeMegabytes)
{
    public static FaultPlan None { get; } = new(0, null, new HashSet<FaultKind>(), 0);

    public bool Has(FaultKind kind) => Corruptions.Contains(kind);

    /// <summary>A free-text value as the page carries it: with <see cref="FaultKind.NulInText"/>, NUL after its first character.</summary>
    public string? Text(string? value) => Has(FaultKind.NulInText) && value is { Length: > 0 } ? value.Insert(1, "\0") : value;

    public bool Any => LatencyMs > 0 || Replacement is not null || Corruptions.Count > 0;

    /// <summary>Faults that answer instead of the page (the first that fires wins).</summary>
    public static bool Replaces(FaultKind kind) => kind is FaultKind.TooManyRequests or FaultKind.ServerError
        or FaultKind.Unauthorized or FaultKind.Forbidden or FaultKind.HtmlErrorPage;
}
