using System.Net;
using System.Text.Json;

namespace PatchHound.IntegrationTests.Api.RateLimiting;

/// <summary>Two API instances on one Redis: a caller's limit is one limit, whichever instance answers.</summary>
public sealed class RateLimitAcrossInstancesTests(ScaleOutFixture fixture) : IClassFixture<ScaleOutFixture>
{
    [Fact]
    public async Task One_user_alternating_between_two_instances_gets_the_limit_once_not_twice()
    {
        var cookie = await fixture.InstanceA.SignInAsync(await fixture.NewTenantAdminAsync(fixture.TenantA));
        using var onA = fixture.InstanceA.Client(cookie);
        using var onB = fixture.InstanceB.Client(cookie);

        var statuses = new List<(char Instance, HttpStatusCode Status)>();
        for (var wave = 0; wave < 10; wave++)
        {
            // Ten at a time, five on each instance, so the instances also race each other.
            var requests = Enumerable.Range(0, 10).Select(async i =>
            {
                var (instance, client) = i % 2 == 0 ? ('A', onA) : ('B', onB);
                using var response = await client.GetAsync(ScaleOutFixture.TenantEndpoint(fixture.TenantA));
                return (instance, response.StatusCode);
            });
            statuses.AddRange(await Task.WhenAll(requests));
        }

        var allowed = statuses.Count(s => s.Status == HttpStatusCode.OK);
        statuses.Select(s => s.Status).Distinct().Should().BeSubsetOf([HttpStatusCode.OK, HttpStatusCode.TooManyRequests]);
        allowed.Should().BeInRange((int)Math.Floor(ScaleOutFixture.EnterpriseLimit * 0.95), (int)Math.Ceiling(ScaleOutFixture.EnterpriseLimit * 1.05),
            "100 requests against a limit of 50 shared by both instances");
        statuses.Where(s => s.Status == HttpStatusCode.OK).Select(s => s.Instance).Distinct().Should().HaveCount(2, "both instances served");
    }

    [Fact]
    public async Task The_limit_follows_the_edition_of_the_tenant_in_the_route()
    {
        var cookie = await fixture.InstanceA.SignInAsync(await fixture.NewTenantAdminAsync(fixture.TenantB));
        using var onA = fixture.InstanceA.Client(cookie);
        using var onB = fixture.InstanceB.Client(cookie);

        var allowed = 0;
        for (var i = 0; i < 30; i++)
        {
            using var response = await (i % 2 == 0 ? onA : onB).GetAsync(ScaleOutFixture.TenantEndpoint(fixture.TenantB));
            allowed += response.StatusCode == HttpStatusCode.OK ? 1 : 0;
        }

        allowed.Should().Be(ScaleOutFixture.FreeLimit, "tenant B is on the Free edition");
    }

    [Fact]
    public async Task Over_the_limit_answers_429_problem_details_with_retry_after()
    {
        var cookie = await fixture.InstanceA.SignInAsync(await fixture.NewTenantAdminAsync(fixture.TenantB));
        using var client = fixture.InstanceB.Client(cookie);
        for (var i = 0; i < ScaleOutFixture.FreeLimit; i++)
        {
            using var admitted = await client.GetAsync(ScaleOutFixture.TenantEndpoint(fixture.TenantB));
            admitted.StatusCode.Should().Be(HttpStatusCode.OK);
        }

        using var refused = await client.GetAsync(ScaleOutFixture.TenantEndpoint(fixture.TenantB));

        refused.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        refused.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json");
        refused.Headers.RetryAfter?.Delta.Should().NotBeNull();
        refused.Headers.RetryAfter!.Delta!.Value.Should().BeGreaterThan(TimeSpan.Zero).And.BeLessThanOrEqualTo(TimeSpan.FromMinutes(1));
        using var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync());
        problem.RootElement.GetProperty("status").GetInt32().Should().Be(429);
        problem.RootElement.GetProperty("title").GetString().Should().Be("Too many requests");
        problem.RootElement.GetProperty("retryAfterSeconds").GetInt64().Should().Be((long)refused.Headers.RetryAfter.Delta.Value.TotalSeconds);
    }

    [Fact]
    public async Task Anonymous_requests_are_limited_per_client_address_but_health_and_the_api_description_never()
    {
        await ForgetAnonymousWindowsAsync();
        try
        {
            using var anonymous = fixture.InstanceA.Client(cookie: null);
            var probes = new List<HttpStatusCode>();
            for (var i = 0; i < ScaleOutFixture.AnonymousLimit + 10; i++)
            {
                foreach (var path in new[] { "/health/live", "/health/ready", "/openapi/v1.json" })
                {
                    using var response = await anonymous.GetAsync(path);
                    probes.Add(response.StatusCode);
                }
            }

            var root = new List<HttpStatusCode>();
            for (var i = 0; i < ScaleOutFixture.AnonymousLimit + 10; i++)
            {
                using var response = await anonymous.GetAsync("/api");
                root.Add(response.StatusCode);
            }

            probes.Should().AllSatisfy(status => status.Should().Be(HttpStatusCode.OK));
            root.Count(status => status == HttpStatusCode.OK).Should().Be(ScaleOutFixture.AnonymousLimit);
            root.Skip(ScaleOutFixture.AnonymousLimit).Should().AllSatisfy(status => status.Should().Be(HttpStatusCode.TooManyRequests));
        }
        finally
        {
            await ForgetAnonymousWindowsAsync();
        }
    }

    [Fact]
    public async Task A_caller_outside_any_tenant_route_counts_against_the_default_limit_in_redis()
    {
        var email = await fixture.NewTenantAdminAsync(fixture.TenantA);
        var cookie = await fixture.InstanceA.SignInAsync(email);
        using var client = fixture.InstanceB.Client(cookie);

        using var response = await client.GetAsync("/api");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var keys = fixture.RedisClient.GetServer(fixture.Redis.ConnectionString).Keys(pattern: "patchhound:ratelimit:user:*").Select(k => k.ToString()).ToList();
        keys.Should().ContainSingle(k => !k.Contains("tenant:", StringComparison.Ordinal) && k.StartsWith("patchhound:ratelimit:user:", StringComparison.Ordinal));
    }

    private async Task ForgetAnonymousWindowsAsync()
    {
        var server = fixture.RedisClient.GetServer(fixture.Redis.ConnectionString);
        foreach (var key in server.Keys(pattern: "patchhound:ratelimit:ip:*"))
        {
            await fixture.RedisClient.GetDatabase().KeyDeleteAsync(key);
        }
    }
}
