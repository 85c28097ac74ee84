using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using Hangfire;
using Hangfire.States;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using PatchHound.Infrastructure.Enrichment;
using PatchHound.IntegrationTests.Harness;
using PatchHound.IntegrationTests.Jobs;
using PatchHound.Jobs.Enrichment;

namespace PatchHound.IntegrationTests.Enrichment;

/// <summary>Feeds read from local files in the publishers' formats: the demo's snapshot and air-gapped mirrors.</summary>
public sealed class OfflineFeedTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private static readonly string Resources = Path.Combine(RepositoryRoot.Path, "src", "PatchHound.DefenderSimulator", "Data", "Resources");
    private static readonly string KevFile = Path.Combine(Resources, "known_exploited_vulnerabilities.json");
    private static readonly string NvdFile = Path.Combine(Resources, "nvd-cves.json");
    private static readonly string EpssFile = Path.Combine(Resources, "epss-scores.csv");

    [Fact]
    public async Task A_worker_on_the_shipped_snapshot_enriches_the_catalog_at_startup_and_the_daily_job_reapplies_it_unchanged()
    {
        await ClearCatalogAsync();
        await using var worker = await HostProcess.StartAsync("worker", "PatchHound.Worker.dll", WorkerEnvironment.For(fixture.Database,
            new Dictionary<string, string?>
            {
                ["Enrichment__RunAtStartup"] = "true",
                ["Enrichment__KevFeedUrl"] = KevFile,
                ["Enrichment__EpssFeedUrl"] = new Uri(EpssFile).AbsoluteUri,
                ["Enrichment__NvdFeedUrl"] = NvdFile,
                // Nothing listens there: a request to it would fail the NVD feed.
                ["Enrichment__NvdApiUrl"] = "http://127.0.0.1:9/rest/json/cves/2.0",
            }));

        await using (var db = fixture.Database.OwnerContext())
        {
            (await db.Vulnerabilities.CountAsync(v => v.IsKnownExploited)).Should().Be(KevIds().Count, worker.Output);
            var scores = await db.Vulnerabilities.Where(v => v.CvssV3Score != null).ToDictionaryAsync(v => v.Id, v => v.CvssV3Score);
            scores.Should().BeEquivalentTo(NvdScores());
            var epss = await db.Vulnerabilities.Where(v => v.EpssScore != null).ToDictionaryAsync(v => v.Id, v => v.EpssScore);
            epss.Should().BeEquivalentTo(EpssScores());
        }

        var before = await SnapshotAsync();
        var jobs = new TestJobStorage(fixture.Database);
        var jobId = jobs.Client.Create<EnrichmentJob>(j => j.RunAsync(EnrichmentFeeds.All, null, CancellationToken.None),
            new EnqueuedState("default"));

        (await jobs.WaitForStateAsync(jobId, SucceededState.StateName, TimeSpan.FromSeconds(90))).Should().Be(SucceededState.StateName, worker.Output);
        (await SnapshotAsync()).Should().Equal(before, "the same files change nothing");
        worker.Output.Should().NotContain("127.0.0.1:9", "the NVD API is not asked when a feed file is configured");
    }

    [Fact]
    public async Task A_gzip_nvd_data_feed_behind_a_file_uri_is_read_whole()
    {
        await ClearCatalogAsync();
        var gzip = Path.Combine(Path.GetTempPath(), $"nvdcve-2.0-modified-{Guid.NewGuid():N}.json.gz");
        await using (var output = new GZipStream(File.Create(gzip), CompressionLevel.Fastest))
        {
            await output.WriteAsync(await File.ReadAllBytesAsync(NvdFile));
        }

        try
        {
            await using var env = await EnrichmentEnvironment.StartAsync(fixture.Database, new Dictionary<string, string?>
            {
                ["Enrichment:NvdFeedUrl"] = new Uri(gzip).AbsoluteUri,
            });

            var result = (await env.RunAsync(EnrichmentFeeds.Nvd)).For(EnrichmentFeeds.Nvd)!;

            result.Received.Should().Be(NvdScores().Count);
            result.Inserted.Should().Be(NvdScores().Count);
            env.Server.Requests.Should().BeEmpty();
        }
        finally
        {
            File.Delete(gzip);
        }
    }

    [Fact]
    public async Task A_missing_feed_file_fails_that_feed_with_its_path_and_the_others_are_applied()
    {
        await ClearCatalogAsync();
        var missing = Path.Combine(Path.GetTempPath(), $"missing-{Guid.NewGuid():N}.csv");
        await using var env = await EnrichmentEnvironment.StartAsync(fixture.Database, new Dictionary<string, string?>
        {
            ["Enrichment:KevFeedUrl"] = KevFile,
            ["Enrichment:EpssFeedUrl"] = missing,
            ["Enrichment:NvdFeedUrl"] = NvdFile,
        });

        var run = () => env.RunAsync(EnrichmentFeeds.All);

        var failure = (await run.Should().ThrowAsync<EnrichmentFailedException>()).Which;
        failure.Failures.Keys.Should().Equal(EnrichmentFeeds.Epss);
        failure.Failures[EnrichmentFeeds.Epss].Message.Should().Contain(missing);
        failure.Result.Feeds.Select(f => f.Feed).Should().Equal(EnrichmentFeeds.Kev, EnrichmentFeeds.Nvd);
    }

    [Theory]
    [InlineData("feeds/known_exploited_vulnerabilities.json")]
    [InlineData("ftp://mirror.example/kev.json")]
    public void A_relative_path_or_another_scheme_is_refused(string location)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Enrichment:KevFeedUrl"] = location }).Build();
        using var services = new ServiceCollection().AddEnrichment(configuration).BuildServiceProvider();

        var read = () => services.GetRequiredService<IOptions<EnrichmentOptions>>().Value;

        read.Should().Throw<OptionsValidationException>().Which.Message.Should().Contain("KevFeedUrl");
    }

    private static HashSet<string> KevIds()
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(KevFile));
        return [.. document.RootElement.GetProperty("vulnerabilities").EnumerateArray().Select(v => v.GetProperty("cveID").GetString()!)];
    }

    private static Dictionary<string, decimal?> NvdScores()
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(NvdFile));
        return document.RootElement.GetProperty("vulnerabilities").EnumerateArray().Select(v => v.GetProperty("cve")).ToDictionary(
            c => c.GetProperty("id").GetString()!,
            c => (decimal?)c.GetProperty("metrics").GetProperty("cvssMetricV31")[0].GetProperty("cvssData").GetProperty("baseScore").GetDecimal());
    }

    private static Dictionary<string, decimal?> EpssScores() =>
        File.ReadLines(EpssFile).Where(l => l.StartsWith("CVE-", StringComparison.Ordinal)).Select(l => l.Split(','))
            .ToDictionary(f => f[0], f => (decimal?)decimal.Parse(f[1], CultureInfo.InvariantCulture));

    private async Task ClearCatalogAsync()
    {
        await using var connection = new NpgsqlConnection(fixture.Database.OwnerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("DELETE FROM vulnerabilities", connection);
        await command.ExecuteNonQueryAsync();
    }

    private async Task<List<string>> SnapshotAsync()
    {
        await using var connection = new NpgsqlConnection(fixture.Database.OwnerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT row_to_json(v)::text FROM vulnerabilities v ORDER BY id", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }
}
