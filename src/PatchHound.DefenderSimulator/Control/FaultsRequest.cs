using PatchHound.DefenderSimulator.Faults;

namespace PatchHound.DefenderSimulator.Control;

/// <summary>Body of <c>POST /_sim/faults</c>: the rules to arm, replacing the armed ones unless <c>append</c>.</summary>
public sealed record FaultsRequest(IReadOnlyList<FaultRule> Rules, bool Append = false);
