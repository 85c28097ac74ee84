using Microsoft.EntityFrameworkCore;
using Npgsql;
using PatchHound.Core.Findings;
using PatchHound.Core.Inventory;
using PatchHound.Core.Vulnerabilities;
using PatchHound.Infrastructure.Persistence;
using PatchHound.Infrastructure.Tenancy;
using PatchHound.IntegrationTests.Harness;

namespace PatchHound.IntegrationTests.Tenancy;

public sealed class TenantIsolationTests(TwoTenantsFixture fixture) : IClassFixture<TwoTenantsFixture>
{
    private TestDatabase Database => fixture.Database;

    [Fact]
    public async Task Row_level_security_alone_hides_other_tenants_rows_when_the_ef_filter_is_ignored()
    {
        await using var db = Database.AppContext(TestDatabaseContexts.ForTenant(fixture.TenantA));

        var devices = await db.Devices.IgnoreQueryFilters([TenantQueryFilter.Name]).ToListAsync();
        var rawCount = await db.Database.SqlQueryRaw<int>("SELECT count(*)::int AS \"Value\" FROM devices").SingleAsync();

        devices.Should().HaveCount(2).And.OnlyContain(d => d.TenantId == fixture.TenantA);
        rawCount.Should().Be(2);
    }

    [Fact]
    public async Task Ef_filter_alone_hides_other_tenants_rows_when_row_level_security_is_bypassed()
    {
        await using var db = Database.OwnerContext(TestDatabaseContexts.ForTenant(fixture.TenantA));

        var filtered = await db.Devices.ToListAsync();
        var unfiltered = await db.Devices.IgnoreQueryFilters([TenantQueryFilter.Name]).CountAsync();

        filtered.Should().HaveCount(2).And.OnlyContain(d => d.TenantId == fixture.TenantA);
        unfiltered.Should().Be(3, "the owner bypasses row-level security, so only the filter stood in the way");
    }

    [Fact]
    public async Task Without_a_tenant_in_scope_the_application_sees_no_tenant_rows_at_all()
    {
        await using var db = Database.AppContext();

        (await db.Devices.IgnoreQueryFilters([TenantQueryFilter.Name]).CountAsync()).Should().Be(0);
        (await db.Devices.CountAsync()).Should().Be(0);
        (await db.Tenants.CountAsync()).Should().BeGreaterThanOrEqualTo(2, "tenants are a global table");
    }

    [Fact]
    public async Task Writing_a_row_for_another_tenant_is_refused_before_anything_is_written()
    {
        await using var db = Database.AppContext(TestDatabaseContexts.ForTenant(fixture.TenantA));
        db.Devices.Add(new Device(fixture.TenantB, fixture.SourceB, "smuggled", "smuggled", "Linux", null, DateTimeOffset.UtcNow));

        var save = () => db.SaveChangesAsync();

        (await save.Should().ThrowAsync<TenantAccessException>())
            .WithMessage($"Refusing to write a Device of tenant {fixture.TenantB} while acting for tenant {fixture.TenantA}.");
        (await CountDevicesAsOwner(fixture.TenantB, "smuggled")).Should().Be(0);
    }

    [Fact]
    public async Task Writing_without_a_tenant_in_scope_is_refused()
    {
        await using var db = Database.AppContext();
        db.Devices.Add(new Device(fixture.TenantA, Guid.NewGuid(), "orphan", "orphan", "Linux", null, DateTimeOffset.UtcNow));

        var save = () => db.SaveChangesAsync();

        await save.Should().ThrowAsync<TenantAccessException>().WithMessage("No tenant is in scope*");
        (await CountDevicesAsOwner(fixture.TenantA, "orphan")).Should().Be(0);
    }

    [Fact]
    public async Task Row_level_security_refuses_a_cross_tenant_insert_that_skips_the_ef_guard()
    {
        await using var db = Database.AppContext(TestDatabaseContexts.ForTenant(fixture.TenantA));

        var insert = () => db.Database.ExecuteSqlInterpolatedAsync($$"""
            INSERT INTO devices (id, tenant_id, source_id, external_id, name, os_platform, last_seen_at, first_seen_at, criticality, tags, risk_score)
            VALUES ({{Guid.NewGuid()}}, {{fixture.TenantB}}, {{fixture.SourceB}}, 'raw', 'raw', 'Linux', now(), now(), 'Low', '{}', 0)
            """);

        (await insert.Should().ThrowAsync<PostgresException>()).Which.SqlState.Should().Be(PostgresErrorCodes.InsufficientPrivilege);
        (await CountDevicesAsOwner(fixture.TenantB, "raw")).Should().Be(0);
    }

    [Fact]
    public async Task Raw_updates_and_deletes_of_another_tenants_rows_touch_nothing()
    {
        await using var db = Database.AppContext(TestDatabaseContexts.ForTenant(fixture.TenantA));

        var updated = await db.Database.ExecuteSqlInterpolatedAsync(
            $"UPDATE devices SET name = 'renamed' WHERE tenant_id = {fixture.TenantB}");
        var deleted = await db.Database.ExecuteSqlInterpolatedAsync(
            $"DELETE FROM devices WHERE id = {fixture.DeviceB}");

        updated.Should().Be(0);
        deleted.Should().Be(0);
        (await CountDevicesAsOwner(fixture.TenantB, "b-0")).Should().Be(1);
    }

    [Fact]
    public async Task A_finding_cannot_point_at_another_tenants_device()
    {
        await using (var setup = Database.OwnerContext())
        {
            if (!await setup.Vulnerabilities.AnyAsync(v => v.Id == "CVE-2024-3400"))
            {
                setup.Vulnerabilities.Add(new Vulnerability("CVE-2024-3400", "PAN-OS command injection", Severity.Critical, DateTimeOffset.UtcNow));
                await setup.SaveChangesAsync();
            }
        }

        await using var db = Database.AppContext(TestDatabaseContexts.ForTenant(fixture.TenantA));
        var sourceA = await db.SourceConfigurations.Select(s => s.Id).FirstAsync();
        db.Findings.Add(new Finding(fixture.TenantA, fixture.DeviceB, "CVE-2024-3400", sourceA, "pan-os", "10.2", DateTimeOffset.UtcNow, null));

        var save = () => db.SaveChangesAsync();

        (await save.Should().ThrowAsync<DbUpdateException>())
            .WithInnerException<PostgresException>().Which.SqlState.Should().Be(PostgresErrorCodes.ForeignKeyViolation);
    }

    [Fact]
    public async Task A_row_cannot_be_moved_to_another_tenant()
    {
        await using var db = Database.AppContext(TestDatabaseContexts.ForTenant(fixture.TenantA));
        var device = await db.Devices.FirstAsync();

        var throughEf = () => db.Entry(device).Property(d => d.TenantId).CurrentValue = fixture.TenantB;
        var throughSql = () => db.Database.ExecuteSqlInterpolatedAsync(
            $"UPDATE devices SET tenant_id = {fixture.TenantB}, source_id = {fixture.SourceB} WHERE id = {device.Id}");

        throughEf.Should().Throw<InvalidOperationException>().WithMessage("*part of a key*");
        (await throughSql.Should().ThrowAsync<PostgresException>()).Which.SqlState.Should().Be(PostgresErrorCodes.InsufficientPrivilege);
        (await CountDevicesAsOwner(fixture.TenantA, device.ExternalId)).Should().Be(1);
    }

    [Fact]
    public async Task Audit_log_is_append_only_for_the_application_login()
    {
        await using var db = Database.AppContext(TestDatabaseContexts.ForTenant(fixture.TenantA));
        db.AuditLogEntries.Add(new PatchHound.Core.Audit.AuditLogEntry(
            fixture.TenantA, "user:test", "device.viewed", "Device", "x", null, null, DateTimeOffset.UtcNow, null));
        await db.SaveChangesAsync();

        var update = () => db.Database.ExecuteSqlRawAsync("UPDATE audit_log_entries SET action = 'tampered'");
        var delete = () => db.Database.ExecuteSqlRawAsync("DELETE FROM audit_log_entries");

        (await update.Should().ThrowAsync<PostgresException>()).Which.SqlState.Should().Be(PostgresErrorCodes.InsufficientPrivilege);
        (await delete.Should().ThrowAsync<PostgresException>()).Which.SqlState.Should().Be(PostgresErrorCodes.InsufficientPrivilege);
    }

    private async Task<int> CountDevicesAsOwner(Guid tenantId, string externalId)
    {
        await using var owner = Database.OwnerContext();
        return await owner.Devices.IgnoreQueryFilters([TenantQueryFilter.Name])
            .CountAsync(d => d.TenantId == tenantId && d.ExternalId == externalId);
    }
}
