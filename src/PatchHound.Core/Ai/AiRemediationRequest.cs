using PatchHound.Core.Common;
using PatchHound.Core.Tenancy;
using PatchHound.Core.Vulnerabilities;

namespace PatchHound.Core.Ai;

/// <summary>A request for AI-drafted remediation advice, claimed and answered by a worker.</summary>
public sealed class AiRemediationRequest : ITenantOwned
{
    public const int PromptMaxLength = 16_000;

    private AiRemediationRequest()
    {
        Prompt = string.Empty;
    }

    public AiRemediationRequest(Guid tenantId, Guid? findingId, string? vulnerabilityId, string prompt, DateTimeOffset createdAt)
    {
        Id = Ids.New();
        TenantId = Guard.TenantId(tenantId);
        FindingId = findingId;
        VulnerabilityId = vulnerabilityId is null ? null : CveId.Normalize(vulnerabilityId);
        Prompt = Guard.Text(prompt, PromptMaxLength, "ai_request.invalid_prompt", "Prompt");
        Status = AiRemediationStatus.Pending;
        CreatedAt = createdAt.Utc();
    }

    public Guid Id { get; private set; }

    public Guid TenantId { get; private set; }

    public Guid? FindingId { get; private set; }

    public string? VulnerabilityId { get; private set; }

    public string Prompt { get; private set; }

    public AiRemediationStatus Status { get; private set; }

    /// <summary>The worker holding the claim.</summary>
    public string? ClaimedBy { get; private set; }

    public DateTimeOffset? ClaimedAt { get; private set; }

    public DateTimeOffset? CompletedAt { get; private set; }

    public string? Result { get; private set; }

    public string? Error { get; private set; }

    public int Attempts { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public void Claim(string worker, DateTimeOffset at)
    {
        MoveTo(AiRemediationStatus.Claimed, AiRemediationStatus.Pending);
        ClaimedBy = Guard.Text(worker, Limits.Actor, "ai_request.invalid_worker", "ClaimedBy");
        ClaimedAt = at.Utc();
        Attempts++;
    }

    /// <summary>Gives a claim back (for instance when the worker's lease ran out) so another worker can take it.</summary>
    public void Release()
    {
        MoveTo(AiRemediationStatus.Pending, AiRemediationStatus.Claimed);
        ClaimedBy = null;
        ClaimedAt = null;
    }

    public void Complete(string result, DateTimeOffset at)
    {
        MoveTo(AiRemediationStatus.Completed, AiRemediationStatus.Claimed);
        Result = Guard.Text(result, int.MaxValue, "ai_request.invalid_result", "Result");
        Error = null;
        CompletedAt = at.Utc();
    }

    public void Fail(string error, DateTimeOffset at)
    {
        MoveTo(AiRemediationStatus.Failed, AiRemediationStatus.Claimed);
        Error = Guard.Text(error, Limits.LongText, "ai_request.invalid_error", "Error");
        CompletedAt = at.Utc();
    }

    public void Retry()
    {
        MoveTo(AiRemediationStatus.Pending, AiRemediationStatus.Failed);
        ClaimedBy = null;
        ClaimedAt = null;
        CompletedAt = null;
    }

    private void MoveTo(AiRemediationStatus to, AiRemediationStatus from)
    {
        Guard.Rule(
            Status == from,
            "ai_request.invalid_transition",
            $"An AI remediation request cannot move from {Status} to {to} (only from {from}).");
        Status = to;
    }
}
