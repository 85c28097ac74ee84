using System.Net;
using PatchHound.IntegrationTests.Harness;

namespace PatchHound.IntegrationTests.Hosting;

public sealed class HealthEndpointTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task Live_and_ready_answer_200_when_the_database_answers()
    {
        await using var api = new ApiHostFactory(new Dictionary<string, string?>
        {
            ["ConnectionStrings:PatchHound"] = fixture.Database.AppConnectionString(),
        });
        using var client = api.CreateClient();

        (await client.GetAsync("/health/live")).StatusCode.Should().Be(HttpStatusCode.OK);
        var ready = await client.GetAsync("/health/ready");

        ready.StatusCode.Should().Be(HttpStatusCode.OK);
        (await ready.Content.ReadAsStringAsync()).Should().Be("Healthy");
    }

    [Fact]
    public async Task Ready_answers_503_while_live_stays_200_when_the_database_is_unreachable()
    {
        var nobodyListens = $"Host=127.0.0.1;Port={FreePort.Next()};Username=x;Password=y;Database=z;Timeout=2";
        await using var api = new ApiHostFactory(new Dictionary<string, string?>
        {
            ["ConnectionStrings:PatchHound"] = nobodyListens,
        });
        using var client = api.CreateClient();

        (await client.GetAsync("/health/live")).StatusCode.Should().Be(HttpStatusCode.OK);
        var ready = await client.GetAsync("/health/ready");

        ready.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        (await ready.Content.ReadAsStringAsync()).Should().Be("Unhealthy");
    }
}
