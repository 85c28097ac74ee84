namespace PatchHound.DefenderSimulator.Data;

/// <summary>
/// One row of a delta: device <paramref name="Device"/>'s finding slot (or installed software index when
/// <paramref name="Installed"/>) as generation <paramref name="Generation"/> has it, with its status; a row of an
/// RBAC move under the device's <paramref name="PreviousGroup"/>.
/// </summary>
public readonly record struct DeltaEvent(long Device, int Slot, bool Installed, string Status, int Generation, bool PreviousGroup);
