using System.IO.Compression;
using System.Text;
using Microsoft.EntityFrameworkCore;
using PatchHound.Core.Vulnerabilities;
using PatchHound.Infrastructure.Enrichment;
using PatchHound.Infrastructure.Enrichment.Epss;
using PatchHound.Infrastructure.Persistence;
using PatchHound.IntegrationTests.Harness;

namespace PatchHound.IntegrationTests.Enrichment;

public sealed class EpssEnrichmentTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private const string Gzip = "application/gzip";

    // Real KEV CVEs; the catalog holds only these.
    private static readonly string[] Known = ["CVE-2021-44228", "CVE-2025-48384", "CVE-2020-1472"];

    private EnrichmentEnvironment env = null!;

    public async Task InitializeAsync()
    {
        env = await EnrichmentEnvironment.StartAsync(fixture.Database);
        KevCatalogFile.CveIds().Should().Contain(Known);
        await using var db = fixture.Database.OwnerContext();
        db.Vulnerabilities.AddRange(Known.Select(id => new Vulnerability(id, id, Severity.High, EnrichmentEnvironment.Start)));
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync() => await env.DisposeAsync();

    [Fact]
    public async Task Epss_scores_only_cves_in_the_catalog_rounded_as_the_domain_rounds()
    {
        env.Server.Serve(EnrichmentEnvironment.EpssPath, EpssFile.Gzip(EpssFile.Csv(
            "CVE-2021-44228,0.944160,0.999590",
            "CVE-2025-48384,0.000025,0.0123456",
            "CVE-2020-1472,0.1,0.1",
            "cve-2099-0001,0.5,0.5",
            "CVE-2099-0002,0.1,0.2",
            "CVE-2099-0003,1.5,0.2",
            "CVE-2021-44228;0.1;0.2",
            "CVE-2020-1472,0.943585,0.99955")), Gzip);

        var result = await env.RunAsync(EnrichmentFeeds.Epss, EnrichmentEnvironment.Start.AddHours(1));

        result.Should().BeEquivalentTo(new FeedResult(EnrichmentFeeds.Epss)
        {
            Received = 5,
            Updated = 3,
            Ignored = 2,
            Skipped = 3,
        }, "two malformed rows and one CVE repeated; two CVEs are not in the catalog");
        await using var db = fixture.Database.OwnerContext();
        (await db.Vulnerabilities.Select(v => v.Id).ToListAsync()).Should().BeEquivalentTo(Known, "no row is added for an unknown CVE");
        await ShouldHaveScoreAsync(db, "CVE-2021-44228", 0.944160m, 0.999590m);
        await ShouldHaveScoreAsync(db, "CVE-2025-48384", 0.000025m, 0.0123456m);
        await ShouldHaveScoreAsync(db, "CVE-2020-1472", 0.943585m, 0.99955m);
        (await db.Vulnerabilities.SingleAsync(v => v.Id == "CVE-2020-1472")).EpssScore.Should().Be(0.94358m, "the last row of a CVE wins");
        (await db.Vulnerabilities.SingleAsync(v => v.Id == "CVE-2025-48384")).EpssScore.Should().Be(0.00002m, "half to even, not away from zero");
        env.Logs.Lines.Should().Contain(l => l.Contains("model_version:v2025.03.14"));
    }

    [Fact]
    public async Task A_plain_csv_is_accepted_and_a_repeat_changes_nothing()
    {
        env.Server.Serve(EnrichmentEnvironment.EpssPath, Encoding.UTF8.GetBytes(EpssFile.Csv(
            "CVE-2021-44228,0.94416,0.99959", "CVE-2099-0002,0.1,0.2")), "text/csv");
        await env.RunAsync(EnrichmentFeeds.Epss, EnrichmentEnvironment.Start);
        var before = await env.SnapshotAsync();

        var again = await env.RunAsync(EnrichmentFeeds.Epss, EnrichmentEnvironment.Start.AddDays(1));

        again.Should().BeEquivalentTo(new FeedResult(EnrichmentFeeds.Epss) { Received = 2, Unchanged = 1, Ignored = 1 });
        (await env.SnapshotAsync()).Should().Equal(before);
    }

    [Theory]
    [InlineData("truncated gzip", "its gzip data ends before the gzip trailer")]
    [InlineData("no header", "line 2 should be the header")]
    public async Task A_malformed_file_fails_with_a_clear_error_and_changes_nothing(string damage, string problem)
    {
        env.Server.Serve(EnrichmentEnvironment.EpssPath, EpssFile.Gzip(EpssFile.Csv("CVE-2021-44228,0.5,0.5")), Gzip);
        await env.RunAsync(EnrichmentFeeds.Epss, EnrichmentEnvironment.Start);
        var before = await env.SnapshotAsync();
        var rows = Known.Select(id => $"{id},0.9,0.9").Concat(EpssFile.Filler(20_000)).ToArray();
        var file = damage == "truncated gzip"
            ? EpssFile.Gzip(EpssFile.Csv(rows))[..^100]
            : EpssFile.Gzip("#model_version:v2025.03.14\n" + string.Join('\n', rows));
        env.Server.Serve(EnrichmentEnvironment.EpssPath, file, Gzip);

        var run = () => env.RunAsync(EnrichmentFeeds.Epss, EnrichmentEnvironment.Start.AddDays(1));

        (await run.Should().ThrowAsync<EnrichmentFailedException>()).Which.Failures[EnrichmentFeeds.Epss]
            .Should().BeOfType<FeedFormatException>()
            .Which.Message.Should().StartWith($"The EPSS scores file is malformed: {problem}");
        (await env.SnapshotAsync()).Should().Equal(before);
    }

    [Fact]
    public async Task The_client_yields_the_first_score_before_the_server_has_sent_the_rest()
    {
        var firstScoreRead = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var restSentBeforeFirstScore = false;
        env.Server.Serve(EnrichmentEnvironment.EpssPath, async context =>
        {
            context.Response.ContentType = Gzip;
            await using var gzip = new GZipStream(context.Response.Body, CompressionLevel.Fastest, leaveOpen: true);
            await gzip.WriteAsync(Encoding.UTF8.GetBytes(EpssFile.Csv("CVE-2021-44228,0.5,0.5")));
            await gzip.FlushAsync();
            await context.Response.Body.FlushAsync();
            restSentBeforeFirstScore = await Task.WhenAny(firstScoreRead.Task, Task.Delay(TimeSpan.FromSeconds(20))) != firstScoreRead.Task;
            await gzip.WriteAsync(Encoding.UTF8.GetBytes(string.Join('\n', EpssFile.Filler(1000)) + "\n"));
        });
        var scores = new List<EpssScore>();

        await foreach (var score in env.Service<EpssFeedClient>().ReadAsync(new FeedTally(), CancellationToken.None))
        {
            scores.Add(score);
            firstScoreRead.TrySetResult();
        }

        restSentBeforeFirstScore.Should().BeFalse("the first score must come out while the server still holds back the rest");
        scores.Should().HaveCount(1001);
        scores[0].Should().Be(new EpssScore("CVE-2021-44228", 0.5m, 0.5m));
    }

    private static async Task ShouldHaveScoreAsync(PatchHoundDbContext db, string id, decimal score, decimal percentile)
    {
        var expected = new Vulnerability(id, id, Severity.High, EnrichmentEnvironment.Start);
        expected.ScoreEpss(score, percentile, EnrichmentEnvironment.Start);
        var stored = await db.Vulnerabilities.SingleAsync(v => v.Id == id);
        stored.EpssScore.Should().Be(expected.EpssScore);
        stored.EpssPercentile.Should().Be(expected.EpssPercentile);
        stored.UpdatedAt.Should().Be(EnrichmentEnvironment.Start.AddHours(1));
    }
}
