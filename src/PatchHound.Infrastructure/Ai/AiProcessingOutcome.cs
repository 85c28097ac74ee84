namespace PatchHound.Infrastructure.Ai;

public enum AiProcessingOutcome
{
    /// <summary>The answer is stored.</summary>
    Completed,

    /// <summary>The error is stored: the provider refused, answered nonsense, or attempts ran out.</summary>
    Failed,

    /// <summary>The request was not pending (another worker holds it, it is finished, or it is not this tenant's).</summary>
    NotClaimed,

    /// <summary>The claim expired and was released while the provider was answering; the answer was discarded.</summary>
    ClaimLost,

    /// <summary>A transient provider error gave the request back to pending (sweeps only; a single request throws).</summary>
    Released,

    /// <summary>AI remediation is switched off (<see cref="AiOptions.Enabled"/>).</summary>
    Disabled,
}
