using PatchHound.DefenderSimulator.Faults;

namespace PatchHound.DefenderSimulator.Control;

/// <summary>An armed rule and how often it matched and fired so far.</summary>
public sealed record ArmedFaultView(FaultRule Rule, int Matched, int Fired)
{
    public static IReadOnlyList<ArmedFaultView> Of(FaultBoard board) =>
        [.. board.Armed.Select(a => new ArmedFaultView(a.Rule, a.Matched, a.Fired))];
}
