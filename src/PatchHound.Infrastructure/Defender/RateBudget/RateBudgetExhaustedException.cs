using PatchHound.Core.Sources;

namespace PatchHound.Infrastructure.Defender.RateBudget;

/// <summary>
/// The Defender tenant's budget for <see cref="Family"/> frees only at <see cref="Until"/>, later than a job should
/// wait inline: the caller reschedules its work for then. Not a failure of the source.
/// </summary>
public sealed class RateBudgetExhaustedException(DefenderApiFamily family, DateTimeOffset until)
    : Exception($"Defender's rate budget for {family} is used up until {until:O}.")
{
    public DefenderApiFamily Family { get; } = family;

    public DateTimeOffset Until { get; } = until;
}
