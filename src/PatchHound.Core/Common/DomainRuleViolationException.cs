namespace PatchHound.Core.Common;

/// <summary>A domain rule refused an operation (for example a status transition that is not allowed).</summary>
public sealed class DomainRuleViolationException(string code, string message) : Exception(message)
{
    /// <summary>Stable, machine-readable reason, e.g. <c>finding.invalid_transition</c>.</summary>
    public string Code { get; } = code;
}
