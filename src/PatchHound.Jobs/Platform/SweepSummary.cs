namespace PatchHound.Jobs.Platform;

public sealed record SweepSummary(int Tenants, int Failed)
{
    public static SweepSummary Skipped { get; } = new(0, 0) { WasSkipped = true };

    public bool WasSkipped { get; private init; }
}
