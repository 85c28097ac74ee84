using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using PatchHound.Infrastructure.Ingestion;
using PatchHound.Infrastructure.Persistence;
using PatchHound.IntegrationTests.Enrichment;
using PatchHound.IntegrationTests.Harness;
using Xunit.Abstractions;
using static PatchHound.IntegrationTests.Ingestion.IngestionEnvironment;

namespace PatchHound.IntegrationTests.Ingestion;

/// <summary>
/// A merge's work must grow with the rows it merges whatever the connection has planned before: a pooled connection
/// that merged a small tenant's runs first (its tables analyzed while tiny) merges a large first run next. Each case
/// has a database of its own, so the statistics are exactly the ones the test makes. Without the merge's DISCARD
/// PLANS every case reads about 18 million device rows; with it about 10 thousand.
/// </summary>
public sealed class MergePlanTests(ITestOutputHelper output)
{
    private const int TinyDeviceCount = 20;
    private const int DeviceCount = 3_000;
    private const int FindingsPerDevice = 4;

    public static TheoryData<string> PoolSettings => new()
    {
        { "Maximum Pool Size=1" },
        { "Maximum Pool Size=1;Max Auto Prepare=0" },
        { "Maximum Pool Size=1;No Reset On Close=true" },
    };

    [Theory]
    [MemberData(nameof(PoolSettings))]
    public async Task A_large_merge_after_a_tiny_one_on_the_same_connection_reads_each_table_a_bounded_number_of_times(string settings)
    {
        var env = new IngestionEnvironment();
        await env.InitializeAsync();
        try
        {
            await MergeTinyThenLargeAsync(env, settings);
        }
        finally
        {
            await env.DisposeAsync();
        }
    }

    private async Task MergeTinyThenLargeAsync(IngestionEnvironment env, string settings)
    {
        var connectionString = ConnectionDefaults.Apply(env.Database.AppConnectionString())
            + $";Application Name=merge-plan-{Guid.NewGuid():N};{settings}";
        var tenant = env.TenantB;
        var source = await env.NewSourceAsync(tenant);
        var seen = new DateTimeOffset(2026, 11, 1, 8, 0, 0, TimeSpan.Zero);

        // A small tenant's first run, analyzed by autovacuum soon after (PostgreSQL's own threshold is 50 changed
        // rows: the merge's inserts and risk-score updates of 20 devices pass it), then its next run: the connection
        // now holds foreign-key checks planned for a one-page table.
        await PrepareStatementAsync(connectionString);
        var few = Enumerable.Range(0, TinyDeviceCount).Select(i => $"plan-{i}").ToList();
        var first = Guid.NewGuid();
        await env.StageAsync(tenant, first, 1, few.Select(id => Device(id, seen)).ToList(), []);
        await MergeAsync(connectionString, tenant, first, source, seen);
        await AdminSql.ExecuteAsync(env.Database.OwnerConnectionString, "ANALYZE devices; ANALYZE findings");
        var next = Guid.NewGuid();
        await StageAsync(env, tenant, next, few, seen);
        await MergeAsync(connectionString, tenant, next, source, seen);

        var large = Guid.NewGuid();
        await StageAsync(env, tenant, large, Enumerable.Range(0, DeviceCount).Select(i => $"plan-{i}").ToList(), seen);
        var (result, devicesRead) = await MergeAsync(connectionString, tenant, large, source, seen);

        output.WriteLine($"{settings}: {devicesRead} device rows read by sequential scans");
        result.FindingsNew.Should().Be((DeviceCount - TinyDeviceCount) * FindingsPerDevice);
        var rowsMerged = DeviceCount * (1 + FindingsPerDevice);
        devicesRead.Should().BeLessThan(10L * rowsMerged,
            "a foreign-key check planned as a seq scan of a tiny table would read all devices once per finding");
    }

    /// <summary>
    /// A long-lived worker connection holds prepared statements, and Npgsql then resets it on return to the pool
    /// without DISCARD ALL, so the plans cached on it survive into the next job.
    /// </summary>
    private static async Task PrepareStatementAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT 1", connection);
        await command.PrepareAsync();
        await command.ExecuteScalarAsync();
    }

    private static Task<StagingBatchResult> StageAsync(IngestionEnvironment env, Guid tenant, Guid run, List<string> devices, DateTimeOffset seen) =>
        env.StageAsync(tenant, run, 1, devices.Select(id => Device(id, seen)).ToList(),
            devices.SelectMany(id => Enumerable.Range(0, FindingsPerDevice)
                .Select(k => Finding(id, $"CVE-2026-{1_000 + k}", seen, product: $"product-{k}"))).ToList());

    /// <summary>Merges in a transaction of the test's own, so the statistics of that transaction can be read before it commits.</summary>
    private static async Task<(MergeResult Result, long DevicesRead)> MergeAsync(
        string connectionString, Guid tenant, Guid run, Guid source, DateTimeOffset now)
    {
        await using var db = TestDatabaseContexts.Create(connectionString, TestDatabaseContexts.ForTenant(tenant));
        await db.Database.OpenConnectionAsync();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var result = await new IngestionMerge(db, new FixedTimeProvider(now), NullLogger<IngestionMerge>.Instance)
            .MergeAsync(run, source, CancellationToken.None);
        var devicesRead = await db.Database
            .SqlQueryRaw<long>("SELECT COALESCE(seq_tup_read, 0) AS \"Value\" FROM pg_stat_xact_user_tables WHERE relname = 'devices'")
            .SingleAsync();
        await transaction.CommitAsync();
        return (result, devicesRead);
    }
}
