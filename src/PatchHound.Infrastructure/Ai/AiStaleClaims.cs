namespace PatchHound.Infrastructure.Ai;

/// <summary>What <see cref="AiRemediationClaims.ReleaseStaleClaimsAsync"/> did with expired claims.</summary>
public sealed record AiStaleClaims(int Released, int Failed);
