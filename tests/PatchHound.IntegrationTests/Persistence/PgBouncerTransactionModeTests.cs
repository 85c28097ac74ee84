using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using PatchHound.Infrastructure.Persistence;
using PatchHound.IntegrationTests.Harness;
using PatchHound.IntegrationTests.Tenancy;

namespace PatchHound.IntegrationTests.Persistence;

/// <summary>
/// Issue 13: behind a PgBouncer in transaction mode each transaction may run on another server connection, so a tenant
/// set for a session (the way EF once set it, when it opened a connection) reaches whichever client's transaction runs
/// there next. Here a real PgBouncer with two server connections carries eight clients' reads of two tenants at once,
/// with the EF filter off so that only row-level security — the setting under test — stands between the tenants.
/// </summary>
public sealed class PgBouncerTransactionModeTests(TwoTenantsFixture fixture) : IClassFixture<TwoTenantsFixture>
{
    private const int Reads = 160;

    [Fact]
    public async Task Reads_of_two_tenants_interleaved_through_pgbouncer_see_only_their_own_tenants_rows_and_leave_no_tenant_behind()
    {
        await using var bouncer = await PgBouncerServer.StartAsync(serverConnections: 2);
        var pooled = ConnectionDefaults.Apply(bouncer.Through(fixture.Database.AppConnectionString()),
            new ConnectionBudget { MaxPoolSize = 8 }, "bouncer-reads", ConnectionPooler.PgBouncerTransaction);
        await using var dataSource = NpgsqlDataSource.Create(pooled);
        var options = new DbContextOptionsBuilder<PatchHoundDbContext>().UsePatchHoundPostgres(dataSource).Options;
        var wrong = new ConcurrentBag<string>();

        await Parallel.ForEachAsync(Enumerable.Range(0, Reads), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
        {
            var tenant = i % 2 == 0 ? fixture.TenantA : fixture.TenantB;
            var scope = TestDatabaseContexts.ForTenant(tenant);
            await using var db = new PatchHoundDbContext(options, scope);

            // An EF query outside any transaction: its own implicit transaction.
            Check("EF query", await db.Devices.IgnoreQueryFilters().Select(d => d.TenantId).Distinct().ToListAsync(ct));

            // Hand-written SQL on EF's connection inside a transaction EF began (staging, merge, dashboard do this).
            await using (var transaction = await db.Database.BeginTransactionAsync(ct))
            {
                await using var command = new NpgsqlCommand("SELECT DISTINCT tenant_id FROM devices", (NpgsqlConnection)db.Database.GetDbConnection());
                Check("raw SQL in an EF transaction", await ReadGuidsAsync(command, ct));
            }

            // The findings list's path: settings and query in one batch.
            await using var read = await new TenantSql(dataSource, scope)
                .ReadAsync(new NpgsqlBatchCommand("SELECT DISTINCT tenant_id FROM devices"), genericPlans: false, ct);
            var tenants = new List<Guid>();
            while (await read.Reader.ReadAsync(ct))
            {
                tenants.Add(read.Reader.GetGuid(0));
            }

            Check("TenantSql", tenants);

            void Check(string path, IReadOnlyList<Guid> seen)
            {
                if (seen.Count != 1 || seen[0] != tenant)
                {
                    wrong.Add($"{path} for {tenant} saw [{string.Join(", ", seen)}]");
                }
            }
        });

        wrong.Should().BeEmpty("every read of {0} sees exactly its own tenant's devices through PgBouncer", Reads);

        // No tenant is left on a server connection for the next client: an unscoped read sees no tenant's rows.
        for (var i = 0; i < 4; i++)
        {
            await using var connection = await dataSource.OpenConnectionAsync();
            await using var command = new NpgsqlCommand(
                $"SELECT coalesce(current_setting('{RowLevelSecurity.TenantSetting}', true), ''), (SELECT count(*)::int FROM devices)", connection);
            await using var reader = await command.ExecuteReaderAsync();
            await reader.ReadAsync();
            reader.GetString(0).Should().BeEmpty("a tenant setting lasts only for the transaction that set it");
            reader.GetInt32(1).Should().Be(0);
        }
    }

    private static async Task<List<Guid>> ReadGuidsAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var result = new List<Guid>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add(reader.GetGuid(0));
        }

        return result;
    }
}
