namespace PatchHound.IntegrationTests.Enrichment;

/// <summary>"Now" is whatever the test sets; timers and delays still run in real time.</summary>
public sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
