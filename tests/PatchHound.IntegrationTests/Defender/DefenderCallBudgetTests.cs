using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PatchHound.Core.Sources;
using PatchHound.Infrastructure.Defender;
using PatchHound.Infrastructure.Defender.RateBudget;
using PatchHound.IntegrationTests.Ai;
using PatchHound.IntegrationTests.Harness;
using StackExchange.Redis;

namespace PatchHound.IntegrationTests.Defender;

/// <summary>The Defender rate budget against a real redis-server: two budgets are two replicas sharing one Redis.</summary>
public sealed class DefenderCallBudgetTests : IAsyncLifetime
{
    // The client paces by windows longer than Defender's by this much (DefenderRateBudgetOptions.WindowMargin).
    private static readonly TimeSpan Margin = new DefenderRateBudgetOptions().WindowMargin;

    private static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly ManualTimeProvider clock = new(Start);
    private readonly string prefix = $"test:defender-budget:{Guid.NewGuid():N}:";
    private readonly List<ConnectionMultiplexer> connections = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var connection in connections)
        {
            await connection.DisposeAsync();
        }
    }

    [Fact]
    public async Task Two_replicas_on_one_Redis_admit_exactly_the_documented_30_export_calls_a_minute_of_one_Defender_tenant()
    {
        var replicaA = Budget(await ConnectAsync());
        var replicaB = Budget(await ConnectAsync());

        var waits = await Task.WhenAll(Enumerable.Range(0, 200).Select(i =>
            (i % 2 == 0 ? replicaA : replicaB).TryTakeAsync("contoso-tenant", DefenderApiFamily.Export, CancellationToken.None)));

        waits.Count(w => w == TimeSpan.Zero).Should().Be(30, "30 calls a minute per Defender tenant, whichever replica asks");
        waits.Where(w => w > TimeSpan.Zero).Should().OnlyContain(w => w == TimeSpan.FromMinutes(1) + Margin, "the clock stood still: the first call leaves in a minute (and the margin)");
        (await replicaA.TryTakeAsync("CONTOSO-TENANT", DefenderApiFamily.Machines, CancellationToken.None))
            .Should().Be(TimeSpan.Zero, "List machines has its own budget");
        (await replicaB.TryTakeAsync("fabrikam-tenant", DefenderApiFamily.Export, CancellationToken.None))
            .Should().Be(TimeSpan.Zero, "another Defender tenant has its own budget");
        (await replicaB.TryTakeAsync("CONTOSO-TENANT", DefenderApiFamily.Export, CancellationToken.None))
            .Should().BePositive("tenant ids compare case-insensitively");
    }

    [Fact]
    public async Task The_hourly_limit_binds_once_the_minutes_are_free_again()
    {
        var budget = Budget(await ConnectAsync(), new() { [DefenderApiFamily.Export] = [new(3, TimeSpan.FromMinutes(1)), new(5, TimeSpan.FromHours(1))] });

        var admitted = 0;
        for (var minute = 0; minute < 3; minute++)
        {
            for (var i = 0; i < 3; i++)
            {
                admitted += await budget.TryTakeAsync("t", DefenderApiFamily.Export, CancellationToken.None) == TimeSpan.Zero ? 1 : 0;
            }

            clock.Advance(TimeSpan.FromMinutes(1));
        }

        admitted.Should().Be(5, "3 in the first minute, 2 more in the second, then the hour is full");
        (await budget.TryTakeAsync("t", DefenderApiFamily.Export, CancellationToken.None))
            .Should().Be(TimeSpan.FromMinutes(57) + Margin, "the first call, 3 minutes ago, leaves the hour in 57 minutes (and the margin)");
    }

    [Fact]
    public async Task With_Redis_unreachable_a_process_takes_its_share_of_the_limit_and_logs_it_once()
    {
        var dead = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{FreePort.Next()},abortConnect=false,connectTimeout=200");
        connections.Add(dead);
        var logs = new CapturingLoggerProvider();
        using var loggers = LoggerFactory.Create(builder => builder.AddProvider(logs));
        var budget = Budget(dead, logger: loggers.CreateLogger<DefenderCallBudget>());

        var waits = new List<TimeSpan>();
        for (var i = 0; i < 12; i++)
        {
            waits.Add(await budget.TryTakeAsync("t", DefenderApiFamily.Export, CancellationToken.None));
        }

        waits.Count(w => w == TimeSpan.Zero).Should().Be(7, "a quarter of 30, rounded down");
        budget.IsDecidingLocally.Should().BeTrue();
        logs.Entries.Count(e => e.Contains("Redis is unreachable for the Defender rate budget", StringComparison.Ordinal)).Should().Be(1);
    }

    [Fact]
    public async Task The_pacer_waits_short_waits_inline_and_hands_long_ones_to_the_job()
    {
        var options = new DefenderRateBudgetOptions { KeyPrefix = prefix, InlineWaitLimit = TimeSpan.FromSeconds(2) };
        options.Limits[DefenderApiFamily.Export] = [new(1, TimeSpan.FromMinutes(1))];
        var budget = new DefenderCallBudget(Options.Create(new DefenderOptions { RateBudget = options }), TimeProvider.System,
            NullLogger<DefenderCallBudget>.Instance, await ConnectAsync());
        var pacer = new DefenderCallPacer(budget, "t", options, TimeProvider.System, NullLogger.Instance);
        var export = new Uri("https://api.security.microsoft.com/api/machines/SoftwareVulnerabilitiesByMachine?pageSize=5");

        await pacer.WaitForPermitAsync(export, CancellationToken.None);
        var waiting = () => pacer.WaitForPermitAsync(export, CancellationToken.None);

        var exhausted = (await waiting.Should().ThrowAsync<RateBudgetExhaustedException>()).Which;
        exhausted.Family.Should().Be(DefenderApiFamily.Export);
        exhausted.Until.Should().BeCloseTo(DateTimeOffset.UtcNow.AddMinutes(1), TimeSpan.FromSeconds(5));
        await pacer.WaitForPermitAsync(new Uri("https://api.security.microsoft.com/api/machines"), CancellationToken.None);
    }

    private async Task<ConnectionMultiplexer> ConnectAsync()
    {
        var connection = await ConnectionMultiplexer.ConnectAsync((await RedisServer.Instance).ConnectionString);
        connections.Add(connection);
        return connection;
    }

    private DefenderCallBudget Budget(
        IConnectionMultiplexer redis, Dictionary<DefenderApiFamily, CallLimit[]>? limits = null, ILogger<DefenderCallBudget>? logger = null) =>
        new(Options.Create(new DefenderOptions { RateBudget = new DefenderRateBudgetOptions { KeyPrefix = prefix, Limits = limits ?? [] } }),
            clock, logger ?? NullLogger<DefenderCallBudget>.Instance, redis);
}
