using Hangfire.Common;
using Hangfire.States;
using PatchHound.Infrastructure.Persistence;

namespace PatchHound.Jobs.Platform;

/// <summary>
/// A job that failed because no database connection could be had (<see cref="DatabaseSaturation"/>) is not broken:
/// it is scheduled again after a growing, jittered delay (5 s, 10 s, … up to 5 min) instead of spending one of its
/// <c>Jobs:RetryAttempts</c> with their long delays. Runs before Hangfire's AutomaticRetry, which then sees no
/// failure. After <see cref="MaxBackOffs"/> such delays in a row the failure goes to the ordinary retry.
/// </summary>
public sealed class SaturationBackOffFilter : JobFilterAttribute, IElectStateFilter
{
    public const string CountParameter = "SaturationBackOffs";
    public const int MaxBackOffs = 30;

    private static readonly TimeSpan FirstDelay = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan LastDelay = TimeSpan.FromMinutes(5);

    public SaturationBackOffFilter()
    {
        // Lower runs first; Hangfire's AutomaticRetryAttribute has order 20.
        Order = 10;
    }

    public static TimeSpan DelayFor(int backOff)
    {
        var exponential = FirstDelay.TotalSeconds * Math.Pow(2, Math.Min(backOff, 10));
        var seconds = Math.Min(exponential, LastDelay.TotalSeconds);
        return TimeSpan.FromSeconds(seconds * (0.75 + (Random.Shared.NextDouble() / 2)));
    }

    public void OnStateElection(ElectStateContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.CandidateState is not FailedState failed || !DatabaseSaturation.IsSaturation(failed.Exception))
        {
            return;
        }

        DatabaseSaturation.Record("job");
        var backOffs = context.GetJobParameter<int>(CountParameter, allowStale: true);
        if (backOffs >= MaxBackOffs)
        {
            return;
        }

        context.SetJobParameter(CountParameter, backOffs + 1);
        context.CandidateState = new ScheduledState(DelayFor(backOffs))
        {
            Reason = $"The database is saturated ({failed.Exception.GetType().Name}); back-off {backOffs + 1} of {MaxBackOffs}",
        };
    }
}
