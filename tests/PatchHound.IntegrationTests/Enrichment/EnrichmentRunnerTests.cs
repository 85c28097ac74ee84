using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PatchHound.Infrastructure.Enrichment;
using PatchHound.IntegrationTests.Harness;

namespace PatchHound.IntegrationTests.Enrichment;

public sealed class EnrichmentRunnerTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private EnrichmentEnvironment env = null!;

    public async Task InitializeAsync() => env = await EnrichmentEnvironment.StartAsync(fixture.Database);

    public async Task DisposeAsync() => await env.DisposeAsync();

    [Fact]
    public async Task A_failing_feed_leaves_the_others_applied_and_is_reported()
    {
        env.Server.Serve(EnrichmentEnvironment.KevPath, KevCatalogFile.Bytes, "application/json");
        env.Server.Serve(EnrichmentEnvironment.NvdPath, NvdSamples.Pages());
        // Nothing serves the EPSS path: 404.

        var run = () => env.RunAsync(EnrichmentFeeds.All);

        var failure = (await run.Should().ThrowAsync<EnrichmentFailedException>()).Which;
        failure.Failures.Keys.Should().Equal(EnrichmentFeeds.Epss);
        failure.Failures[EnrichmentFeeds.Epss].Should().BeOfType<HttpRequestException>();
        failure.Result.Feeds.Select(f => f.Feed).Should().Equal(EnrichmentFeeds.Kev, EnrichmentFeeds.Nvd);
        await using var db = fixture.Database.OwnerContext();
        (await db.Vulnerabilities.CountAsync(v => v.IsKnownExploited)).Should().Be(1404);
        (await db.Vulnerabilities.SingleAsync(v => v.Id == "CVE-2023-4966")).CvssV3Score.Should().Be(7.5m);
    }

    [Fact]
    public async Task Two_runs_at_once_apply_the_catalog_once_between_them()
    {
        env.Server.Serve(EnrichmentEnvironment.KevPath, KevCatalogFile.Bytes, "application/json");

        var results = await Task.WhenAll(env.RunAsync(EnrichmentFeeds.Kev), env.RunAsync(EnrichmentFeeds.Kev));

        var kev = results.Select(r => r.For(EnrichmentFeeds.Kev)!).ToList();
        kev.Select(r => (r.Inserted, r.Updated, r.Unchanged)).Should().BeEquivalentTo(new[] { (1404, 0, 0), (0, 0, 1404) });
        await using var db = fixture.Database.OwnerContext();
        (await db.Vulnerabilities.CountAsync()).Should().Be(1404);
    }

    [Fact]
    public void Options_out_of_range_are_refused()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Enrichment:NvdLookbackDays"] = "121",
            ["Enrichment:KevFeedUrl"] = "not a url",
        }).Build();
        using var services = new ServiceCollection().AddEnrichment(configuration).BuildServiceProvider();

        var read = () => services.GetRequiredService<IOptions<EnrichmentOptions>>().Value;

        read.Should().Throw<OptionsValidationException>()
            .Which.Failures.Should().HaveCount(2).And.Contain(f => f.Contains("NvdLookbackDays")).And.Contain(f => f.Contains("KevFeedUrl"));
    }
}
