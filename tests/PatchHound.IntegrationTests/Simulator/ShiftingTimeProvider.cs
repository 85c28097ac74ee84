namespace PatchHound.IntegrationTests.Simulator;

/// <summary>The system clock moved by <see cref="Offset"/>: lets a test make tokens expire without waiting.</summary>
public sealed class ShiftingTimeProvider : TimeProvider
{
    public TimeSpan Offset { get; set; }

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + Offset;
}
