using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using PatchHound.Infrastructure.Persistence;
using PatchHound.Infrastructure.Tenancy;
using PatchHound.IntegrationTests.Caching;
using PatchHound.IntegrationTests.Harness;

namespace PatchHound.IntegrationTests.Tenancy;

public sealed class TenantScopeTests(TwoTenantsFixture fixture) : IClassFixture<TwoTenantsFixture>
{
    [Theory]
    [InlineData("no-such-tenant", "Tenant 'no-such-tenant' does not exist.")]
    [InlineData("00000000-0000-0000-0000-000000000001", "Tenant '00000000-0000-0000-0000-000000000001' does not exist.")]
    [InlineData("tenant-suspended", "Tenant 'tenant-suspended' is suspended.")]
    public async Task An_unknown_or_inactive_tenant_is_refused_with_a_clear_error_and_nothing_changes(string tenant, string message)
    {
        await using var db = fixture.Database.AppContext();
        var before = await CountAllRowsAsync();

        var enter = () => new TenantScope(db, TenantDirectories.Uncached(fixture.Database), NullLogger<TenantScope>.Instance).EnterAsync(tenant, CancellationToken.None);

        await enter.Should().ThrowAsync<UnknownTenantException>().WithMessage(message);
        db.Tenant.HasTenant.Should().BeFalse();
        (await CountAllRowsAsync()).Should().Be(before);
    }

    [Fact]
    public async Task A_tenant_is_entered_by_slug_and_the_scope_then_sees_only_its_rows()
    {
        await using var db = fixture.Database.AppContext();

        var tenant = await new TenantScope(db, TenantDirectories.Uncached(fixture.Database), NullLogger<TenantScope>.Instance).EnterAsync("tenant-b", CancellationToken.None);

        tenant.Id.Should().Be(fixture.TenantB);
        (await db.Devices.Select(d => d.TenantId).Distinct().ToListAsync()).Should().Equal(fixture.TenantB);
    }

    [Fact]
    public async Task A_scope_cannot_switch_to_another_tenant()
    {
        var context = TestDatabaseContexts.ForTenant(fixture.TenantA);

        var switchTenant = () => context.Enter(fixture.TenantB);

        switchTenant.Should().Throw<TenantAccessException>().WithMessage("*cannot switch to tenant*");
        context.TenantId.Should().Be(fixture.TenantA);
    }

    [Fact]
    public async Task Platform_access_sees_every_tenant_only_inside_its_audited_scope()
    {
        await using var db = fixture.Database.AppContext();
        var access = new PlatformAccess(db, TimeProvider.System, NullLogger<PlatformAccess>.Instance);

        int inside;
        await using (await access.BeginAsync("user:operator@patchhound.local", "support ticket 42", CancellationToken.None))
        {
            inside = await db.Devices.CountAsync();
        }

        var after = await db.Devices.IgnoreQueryFilters([TenantQueryFilter.Name]).CountAsync();
        inside.Should().Be(3);
        after.Should().Be(0);
        (await db.PlatformAccessEntries.Where(e => e.Reason == "support ticket 42").Select(e => e.Actor).ToListAsync())
            .Should().Equal("user:operator@patchhound.local");
    }

    private async Task<long> CountAllRowsAsync()
    {
        await using var owner = fixture.Database.OwnerContext();
        return await owner.Database.SqlQueryRaw<long>("""
            SELECT (SELECT count(*) FROM tenants) + (SELECT count(*) FROM devices) + (SELECT count(*) FROM users)
                 + (SELECT count(*) FROM platform_access_entries) AS "Value"
            """).SingleAsync();
    }
}
