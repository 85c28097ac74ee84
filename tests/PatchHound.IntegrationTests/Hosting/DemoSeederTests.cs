using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PatchHound.Core.Identity;
using PatchHound.Infrastructure.Demo;
using PatchHound.Infrastructure.Persistence;
using PatchHound.IntegrationTests.Harness;

namespace PatchHound.IntegrationTests.Hosting;

public sealed class DemoSeederTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task Seeding_twice_creates_the_demo_tenant_once_with_its_users_policy_and_source()
    {
        await using var api = new ApiHostFactory(new Dictionary<string, string?>
        {
            ["ConnectionStrings:PatchHound"] = fixture.Database.AppConnectionString(),
        });

        var first = await SeedAsync(api);
        var second = await SeedAsync(api);

        second.Id.Should().Be(first.Id);
        await using var owner = fixture.Database.OwnerContext();
        (await owner.Tenants.CountAsync(t => t.Slug == "demo")).Should().Be(1);
        (await owner.Users.CountAsync()).Should().Be(4);
        (await owner.Users.CountAsync(u => u.IsPlatformOperator)).Should().Be(1);
        var memberships = await owner.TenantMemberships.IgnoreQueryFilters([TenantQueryFilter.Name]).ToListAsync();
        memberships.Select(m => m.Role).Should().BeEquivalentTo([TenantRole.TenantAdmin, TenantRole.Analyst, TenantRole.Auditor]);
        memberships.Should().OnlyContain(m => m.TenantId == first.Id);
        (await owner.SlaPolicies.IgnoreQueryFilters([TenantQueryFilter.Name]).CountAsync()).Should().Be(1);
        var sources = await owner.SourceConfigurations.IgnoreQueryFilters([TenantQueryFilter.Name]).ToListAsync();
        sources.Should().ContainSingle().Which.CredentialReference.Should().Be("local://demo-simulator");
    }

    private static async Task<PatchHound.Core.Tenancy.Tenant> SeedAsync(ApiHostFactory api)
    {
        await using var scope = api.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(CancellationToken.None);
    }
}
