using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace PatchHound.Infrastructure.Ai;

/// <summary>
/// Answers AI remediation requests of the scope's tenant: claim, ask the provider, store the answer or the error.
/// Safe to run on several workers at once and to run twice for one request: only the claimant writes.
/// </summary>
public sealed class AiRemediationProcessor(
    AiRemediationClaims claims,
    AiRemediationPromptBuilder prompts,
    OpenAiCompatibleClient client,
    IOptions<AiOptions> options,
    ILogger<AiRemediationProcessor> logger)
{
    /// <summary>Processes one request (the per-request job).</summary>
    /// <exception cref="AiTransientException">
    /// The provider may answer later: the request is pending again and the job should be retried.
    /// </exception>
    public async Task<AiProcessingOutcome> ProcessAsync(Guid requestId, string worker, CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled)
        {
            return AiProcessingOutcome.Disabled;
        }

        var claim = await claims.ClaimAsync(requestId, worker, cancellationToken);
        if (claim is null)
        {
            logger.LogInformation("AI remediation request {RequestId} is not pending; {Worker} leaves it", requestId, worker);
            return AiProcessingOutcome.NotClaimed;
        }

        return await AnswerAsync(claim, cancellationToken);
    }

    /// <summary>
    /// The sweeper: takes back expired claims, then answers up to <paramref name="max"/> pending requests, oldest
    /// first. Stops at the first transient provider error (that request is pending again) to leave the rest to a
    /// later sweep rather than hammer a struggling provider.
    /// </summary>
    public async Task<IReadOnlyList<AiProcessingResult>> ProcessPendingAsync(string worker, int max, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        if (!options.Value.Enabled)
        {
            return [];
        }

        var stale = await claims.ReleaseStaleClaimsAsync(options.Value.ClaimTimeout, cancellationToken);
        if (stale.Released + stale.Failed > 0)
        {
            logger.LogWarning(
                "Took back expired AI remediation claims: {Released} pending again, {Failed} failed", stale.Released, stale.Failed);
        }

        var results = new List<AiProcessingResult>();
        while (results.Count < max && await claims.ClaimNextAsync(worker, cancellationToken) is { } claim)
        {
            try
            {
                results.Add(new AiProcessingResult(claim.RequestId, await AnswerAsync(claim, cancellationToken)));
            }
            catch (AiTransientException)
            {
                results.Add(new AiProcessingResult(claim.RequestId, AiProcessingOutcome.Released));
                break;
            }
        }

        return results;
    }

    private async Task<AiProcessingOutcome> AnswerAsync(AiClaim claim, CancellationToken cancellationToken)
    {
        string answer;
        try
        {
            var messages = await prompts.BuildAsync(claim, cancellationToken);
            answer = await client.CompleteAsync(messages, cancellationToken);
        }
        catch (AiPermanentException exception)
        {
            return await FailAsync(claim, exception.Message, cancellationToken);
        }
        catch (AiTransientException exception) when (claim.Attempt >= options.Value.MaxAttempts)
        {
            return await FailAsync(claim, $"Gave up on attempt {claim.Attempt}: {exception.Message}", cancellationToken);
        }
        catch (AiTransientException exception)
        {
            await claims.ReleaseAsync(claim, CancellationToken.None);
            logger.LogWarning(
                "AI provider failed transiently on request {RequestId} (attempt {Attempt}); it is pending again: {Error}",
                claim.RequestId, claim.Attempt, exception.Message);
            throw;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // A worker shutting down hands the request on now instead of stranding it until the claim expires.
            await claims.ReleaseAsync(claim, CancellationToken.None);
            throw;
        }

        if (!await claims.CompleteAsync(claim, answer, cancellationToken))
        {
            logger.LogWarning(
                "Discarded the answer to AI remediation request {RequestId}: {Worker}'s claim (attempt {Attempt}) expired meanwhile",
                claim.RequestId, claim.Worker, claim.Attempt);
            return AiProcessingOutcome.ClaimLost;
        }

        logger.LogInformation("Answered AI remediation request {RequestId} (attempt {Attempt})", claim.RequestId, claim.Attempt);
        return AiProcessingOutcome.Completed;
    }

    private async Task<AiProcessingOutcome> FailAsync(AiClaim claim, string error, CancellationToken cancellationToken)
    {
        if (!await claims.FailAsync(claim, error, cancellationToken))
        {
            return AiProcessingOutcome.ClaimLost;
        }

        logger.LogWarning("AI remediation request {RequestId} failed: {Error}", claim.RequestId, error);
        return AiProcessingOutcome.Failed;
    }
}
