using Microsoft.Extensions.Logging;
using PatchHound.Core.Sources;

namespace PatchHound.Infrastructure.Defender.RateBudget;

/// <summary>
/// Before each call of one source's client: takes a permit from its Defender tenant's budget, waiting inline up to
/// <see cref="DefenderRateBudgetOptions.InlineWaitLimit"/>, and throws <see cref="RateBudgetExhaustedException"/>
/// for a longer wait so the job can reschedule itself instead.
/// </summary>
public sealed class DefenderCallPacer(
    DefenderCallBudget budget, string defenderTenant, DefenderRateBudgetOptions options, TimeProvider time, ILogger logger)
{
    /// <exception cref="RateBudgetExhaustedException">The budget frees later than a job should wait.</exception>
    public async Task WaitForPermitAsync(Uri url, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!options.Enabled || DefenderApiLimits.FamilyOf(url.AbsolutePath) is not { } family)
        {
            return;
        }

        while (true)
        {
            var wait = await budget.TryTakeAsync(defenderTenant, family, cancellationToken);
            if (wait <= TimeSpan.Zero)
            {
                return;
            }

            if (wait > options.InlineWaitLimit)
            {
                throw new RateBudgetExhaustedException(family, time.GetUtcNow() + wait);
            }

            logger.LogInformation("Defender rate budget for {Family} is used up; waiting {Wait} before calling {Path}", family, wait, url.AbsolutePath);
            await Task.Delay(wait, time, cancellationToken);
        }
    }
}
