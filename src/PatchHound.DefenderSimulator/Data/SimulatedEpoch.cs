using Microsoft.Extensions.Options;

namespace PatchHound.DefenderSimulator.Data;

/// <summary>
/// Generation 0's "now": the configured <see cref="SimulatorOptions.Epoch"/>, or else the UTC day the simulator started
/// on (from <see cref="TimeProvider"/>), so a fresh demo's devices were seen in the last days, not in a fixed past.
/// Taken once at start and truncated to the day, so the world stays repeatable for one seed and one start day.
/// </summary>
public sealed class SimulatedEpoch(IOptions<SimulatorOptions> options, TimeProvider time)
{
    public DateTime Value { get; } = options.Value.Epoch?.UtcDateTime ?? time.GetUtcNow().UtcDateTime.Date;

    public TimeSpan GenerationLength => options.Value.GenerationLength;

    /// <summary>The simulated "now" of a generation.</summary>
    public DateTime At(long generation) => Value + (GenerationLength * generation);

    /// <summary>Generations the clock has added (<see cref="SimulatorOptions.AdvanceWithClock"/>), else 0.</summary>
    public int ClockGenerations() => ClockGenerationsAt(time.GetUtcNow());

    /// <summary>Generations the clock had added at <paramref name="at"/>.</summary>
    public int ClockGenerationsAt(DateTimeOffset at)
    {
        if (!options.Value.AdvanceWithClock)
        {
            return 0;
        }

        var elapsed = at.UtcDateTime - Value;
        return elapsed <= TimeSpan.Zero ? 0 : (int)Math.Min(int.MaxValue / 2, elapsed / GenerationLength);
    }
}
