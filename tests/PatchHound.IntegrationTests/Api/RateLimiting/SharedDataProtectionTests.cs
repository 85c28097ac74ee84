using System.Net;

namespace PatchHound.IntegrationTests.Api.RateLimiting;

/// <summary>The Data Protection key ring lives in Redis, so every instance reads the cookies of every other.</summary>
public sealed class SharedDataProtectionTests(ScaleOutFixture fixture) : IClassFixture<ScaleOutFixture>
{
    private const string KeyRing = "patchhound:data-protection:keys";

    [Fact]
    public async Task A_session_cookie_issued_by_instance_A_is_accepted_by_instance_B()
    {
        var cookie = await fixture.InstanceA.SignInAsync(await fixture.NewTenantAdminAsync(fixture.TenantA));
        using var onB = fixture.InstanceB.Client(cookie);

        using var response = await onB.GetAsync(ScaleOutFixture.TenantEndpoint(fixture.TenantA));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await fixture.RedisClient.GetDatabase().ListLengthAsync(KeyRing)).Should().BeGreaterThan(0, "the key ring is stored in Redis");
    }

    [Fact]
    public async Task An_instance_reading_another_key_ring_refuses_the_cookie()
    {
        // Same machine, same application name: only the Redis database differs. If the keys were on disk, this would pass.
        var cookie = await fixture.InstanceA.SignInAsync(await fixture.NewTenantAdminAsync(fixture.TenantA));
        await using var elsewhere = new ApiInstance(fixture.InstanceSettings(redisDatabase: 1));
        using var client = elsewhere.Client(cookie);

        using var response = await client.GetAsync(ScaleOutFixture.TenantEndpoint(fixture.TenantA));

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }
}
