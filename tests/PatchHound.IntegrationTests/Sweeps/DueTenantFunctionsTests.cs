using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using PatchHound.Core.Approvals;
using PatchHound.Core.Audit;
using PatchHound.Core.Identity;
using PatchHound.Infrastructure.Persistence;
using PatchHound.Infrastructure.Sweeps;
using PatchHound.Infrastructure.Tenancy;
using PatchHound.IntegrationTests.Harness;

namespace PatchHound.IntegrationTests.Sweeps;

/// <summary>The platform path itself: who may call the due-tenant functions, as whom they run, what each call leaves.</summary>
public sealed class DueTenantFunctionsTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 10, 30, 0, TimeSpan.Zero);

    private TestDatabase Database => fixture.Database;

    [Fact]
    public async Task Every_call_leaves_a_platform_access_entry_with_its_count()
    {
        var tenant = await SweepTenant.CreateAsync(Database, Now);
        await tenant.AddAsync(new ApprovalRequest(
            tenant.TenantId, ApprovalKind.Exception, tenant.UserId, TenantRole.TenantAdmin, null, null, "Need more time", Now.AddDays(-7), Now.AddMinutes(-1)));
        var before = await PlatformAccessEntriesAsync();
        IReadOnlyList<Guid> found;
        await using (var scope = new DueTenantsScope(Database.AppContext(), Now))
        {
            found = await scope.Due.ApprovalExpiryAsync(CancellationToken.None);
        }

        var added = (await PlatformAccessEntriesAsync()).ExceptBy(before.Select(e => e.Id), e => e.Id).ToList();
        found.Should().NotBeEmpty();
        added.Should().ContainSingle().Which.Should().Match<PlatformAccessEntry>(
            e => e.Actor == "system:sweep" && e.Reason == $"{DueTenantFunctions.ApprovalExpiry}: {found.Count} due tenant(s)");
    }

    [Fact]
    public async Task Refuses_to_run_inside_a_tenant_scope()
    {
        var tenant = await SweepTenant.CreateAsync(Database, Now);
        await using var db = tenant.Context();
        var due = new DueTenants(db, new FixedTimeProvider(Now), Options.Create(new SweepOptions()));

        var read = () => due.WorkflowTimeoutsAsync(CancellationToken.None);

        await read.Should().ThrowAsync<TenantAccessException>();
    }

    [Fact]
    public async Task Only_the_application_role_may_call_the_functions_and_they_run_as_the_schema_owner()
    {
        await using var connection = new NpgsqlConnection(Database.OwnerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            SELECT p.proname, p.prosecdef,
                   has_function_privilege('public', p.oid, 'EXECUTE') AS public_may,
                   has_function_privilege(@app, p.oid, 'EXECUTE') AS app_may,
                   pg_get_userbyid(p.proowner) = (SELECT pg_get_userbyid(relowner) FROM pg_class WHERE relname = 'findings') AS owned_by_schema_owner
            FROM pg_proc p WHERE p.proname LIKE 'due\_tenants\_%' ORDER BY 1
            """, connection);
        command.Parameters.AddWithValue("app", RowLevelSecurity.ApplicationRole);
        var functions = new List<(string Name, bool Definer, bool Public, bool App, bool Owner)>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                functions.Add((reader.GetString(0), reader.GetBoolean(1), reader.GetBoolean(2), reader.GetBoolean(3), reader.GetBoolean(4)));
            }
        }

        functions.Select(f => f.Name).Should().BeEquivalentTo(
            [DueTenantFunctions.WorkflowTimeouts, DueTenantFunctions.ApprovalExpiry, DueTenantFunctions.ScanScheduler,
             DueTenantFunctions.IngestionDispatch, DueTenantFunctions.SlaCheck, DueTenantFunctions.AiRemediation, DueTenantFunctions.Retention]);
        functions.Should().OnlyContain(f => f.Definer && !f.Public && f.App && f.Owner);
    }

    private async Task<List<PlatformAccessEntry>> PlatformAccessEntriesAsync()
    {
        await using var db = Database.AppContext();
        return await db.Set<PlatformAccessEntry>().AsNoTracking().ToListAsync();
    }
}
