namespace PatchHound.DefenderSimulator.Faults;

/// <summary>A rule with its counters: how many requests it matched and how many times it fired.</summary>
public sealed class ArmedFault(FaultRule rule)
{
    public FaultRule Rule { get; } = rule;

    public int Matched { get; private set; }

    public int Fired { get; private set; }

    /// <summary>Counts a matching request; true when the rule fires on it.</summary>
    internal bool Fire()
    {
        Matched++;
        if (Matched % Rule.EveryNth != 0 || Fired >= (Rule.Times ?? int.MaxValue))
        {
            return false;
        }

        Fired++;
        return true;
    }
}
