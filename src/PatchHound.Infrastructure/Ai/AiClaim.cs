namespace PatchHound.Infrastructure.Ai;

/// <summary>
/// A worker's hold on one request. <see cref="Attempt"/> is the fencing token: a request released and claimed
/// again gets a higher attempt, so the earlier holder's late writes match no row.
/// </summary>
public sealed record AiClaim(
    Guid RequestId,
    string Worker,
    int Attempt,
    DateTimeOffset ClaimedAt,
    string Prompt,
    string? VulnerabilityId);
