using PatchHound.IntegrationTests.Harness;

namespace PatchHound.IntegrationTests.Jobs;

/// <summary>Every recurring sweep run many times at once by two worker processes: each effect happens exactly once.</summary>
public sealed class TwoWorkerSweepTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private const int Runs = 12;

    [Fact]
    public async Task Two_workers_running_every_sweep_many_times_produce_each_effect_exactly_once()
    {
        var now = DateTimeOffset.UtcNow;
        var tenants = new[] { await SweepWork.SeedAsync(fixture.Database, now), await SweepWork.SeedAsync(fixture.Database, now) };
        await using var workers = await TwoWorkers.StartAsync(fixture.Database);

        await workers.RunSweepsAsync(Runs);

        foreach (var tenant in tenants)
        {
            await SweepWork.AssertEachEffectOnceAsync(tenant);
        }
    }
}
