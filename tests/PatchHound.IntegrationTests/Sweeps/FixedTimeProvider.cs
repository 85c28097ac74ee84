namespace PatchHound.IntegrationTests.Sweeps;

/// <summary>A clock that always says the same instant, so due dates and cron slots are deterministic.</summary>
internal sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
