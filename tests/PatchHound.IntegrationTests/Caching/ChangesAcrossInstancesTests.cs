using System.Net;
using Microsoft.EntityFrameworkCore;
using PatchHound.IntegrationTests.Api;
using PatchHound.IntegrationTests.Api.Config;
using PatchHound.IntegrationTests.Api.RateLimiting;
using PatchHound.IntegrationTests.Harness;

namespace PatchHound.IntegrationTests.Caching;

/// <summary>
/// Two API replicas on one database, each with its own caches of tenants, users and memberships: a change made
/// through one replica holds on that replica at once and on the other as soon as its commit is announced.
/// </summary>
public sealed class ChangesAcrossInstancesTests(ScaleOutFixture fixture) : IClassFixture<ScaleOutFixture>
{
    private const string AdminTenants = "/api/admin/tenants";
    private static readonly TimeSpan Announced = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task A_suspension_through_one_replica_locks_the_tenant_out_of_both()
    {
        var (id, slug, adminEmail) = await NewTenantAsync("spread");
        using var adminOnA = fixture.InstanceA.Client(await fixture.InstanceA.SignInAsync(adminEmail));
        using var adminOnB = fixture.InstanceB.Client(await fixture.InstanceA.SignInAsync(adminEmail));
        var sources = $"/api/tenants/{slug}/sources";
        (await adminOnB.GetAsync(sources)).StatusCode.Should().Be(HttpStatusCode.OK, "B has the tenant cached now");
        (await adminOnB.GetAsync(sources)).StatusCode.Should().Be(HttpStatusCode.OK);

        using var op = await OperatorOnAAsync();
        (await op.PostAsync($"{AdminTenants}/{id}/suspend", null)).StatusCode.Should().Be(HttpStatusCode.OK);

        (await adminOnA.GetAsync(sources)).StatusCode.Should().Be(HttpStatusCode.NotFound, "the replica that wrote reads its own write");
        await Eventually.HoldsAsync(async () => (await adminOnB.GetAsync(sources)).StatusCode == HttpStatusCode.NotFound,
            "the other replica should refuse the suspended tenant", Announced);

        (await op.PostAsync($"{AdminTenants}/{id}/reactivate", null)).StatusCode.Should().Be(HttpStatusCode.OK);
        await Eventually.HoldsAsync(async () => (await adminOnB.GetAsync(sources)).StatusCode == HttpStatusCode.OK,
            "the other replica should serve the reactivated tenant", Announced);
    }

    [Fact]
    public async Task A_membership_removed_through_one_replica_is_refused_by_the_other()
    {
        var (id, slug, adminEmail) = await NewTenantAsync("leaver");
        using var adminOnB = fixture.InstanceB.Client(await fixture.InstanceB.SignInAsync(adminEmail));
        var sources = $"/api/tenants/{slug}/sources";
        (await adminOnB.GetAsync(sources)).StatusCode.Should().Be(HttpStatusCode.OK);
        Guid userId;
        await using (var db = fixture.Database.AppContext())
        {
            userId = await db.Users.Where(u => u.Email == adminEmail).Select(u => u.Id).SingleAsync();
        }

        using var op = await OperatorOnAAsync();
        (await op.DeleteAsync($"{AdminTenants}/{id}/memberships/{userId}")).IsSuccessStatusCode.Should().BeTrue();

        await Eventually.HoldsAsync(async () => (await adminOnB.GetAsync(sources)).StatusCode == HttpStatusCode.NotFound,
            "the other replica should no longer count the user as a member", Announced);
    }

    [Fact]
    public async Task A_user_disabled_in_the_database_is_refused_by_both_replicas()
    {
        var (_, slug, adminEmail) = await NewTenantAsync("disabled");
        var cookie = await fixture.InstanceA.SignInAsync(adminEmail);
        using var onA = fixture.InstanceA.Client(cookie);
        using var onB = fixture.InstanceB.Client(cookie);
        var sources = $"/api/tenants/{slug}/sources";
        (await onA.GetAsync(sources)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await onB.GetAsync(sources)).StatusCode.Should().Be(HttpStatusCode.OK);

        await using (var db = fixture.Database.AppContext())
        {
            (await db.Users.SingleAsync(u => u.Email == adminEmail)).Disable(DateTimeOffset.UtcNow);
            await db.SaveChangesAsync();
        }

        foreach (var client in new[] { onA, onB })
        {
            await Eventually.HoldsAsync(async () => (await client.GetAsync(sources)).StatusCode == HttpStatusCode.Unauthorized,
                "every replica should refuse the disabled user", Announced);
        }
    }

    private async Task<HttpClient> OperatorOnAAsync() => fixture.InstanceA.Client(await fixture.InstanceA.SignInAsync(ApiFixture.OperatorEmail));

    private async Task<(Guid Id, string Slug, string AdminEmail)> NewTenantAsync(string prefix)
    {
        using var op = await OperatorOnAAsync();
        return await TenantsAdminApiTests.CreateTenantWithAdminAsync(op, prefix);
    }
}
