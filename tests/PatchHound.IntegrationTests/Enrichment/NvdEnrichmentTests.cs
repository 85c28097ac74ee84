using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using PatchHound.Core.Vulnerabilities;
using PatchHound.Infrastructure.Enrichment;
using PatchHound.IntegrationTests.Harness;

namespace PatchHound.IntegrationTests.Enrichment;

public sealed class NvdEnrichmentTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private const string ApiKey = "5f1c2e0a-test-nvd-api-key-7d3b";
    private EnrichmentEnvironment env = null!;

    public async Task InitializeAsync()
    {
        env = await EnrichmentEnvironment.StartAsync(fixture.Database, new Dictionary<string, string?>
        {
            ["Enrichment:NvdApiKeyReference"] = "Secrets:NvdApiKey",
            ["Secrets:NvdApiKey"] = ApiKey,
        });
        var log4shell = new Vulnerability("CVE-2021-44228", "Apache Log4j2 Remote Code Execution Vulnerability", Severity.None, EnrichmentEnvironment.Start);
        log4shell.MarkKnownExploited(new DateOnly(2021, 12, 10), new DateOnly(2021, 12, 24), EnrichmentEnvironment.Start);
        await using var db = fixture.Database.OwnerContext();
        db.Vulnerabilities.AddRange(
            log4shell, new Vulnerability("CVE-2017-0144", "MS17-010 EternalBlue", Severity.Critical, EnrichmentEnvironment.Start));
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync() => await env.DisposeAsync();

    [Fact]
    public async Task Nvd_pages_describe_and_rate_known_cves_and_add_new_ones()
    {
        env.Server.Serve(EnrichmentEnvironment.NvdPath, NvdSamples.Pages());
        var at = EnrichmentEnvironment.Start.AddHours(1);

        var result = await env.RunAsync(EnrichmentFeeds.Nvd, at);

        result.Should().BeEquivalentTo(new FeedResult(EnrichmentFeeds.Nvd) { Received = 3, Inserted = 1, Updated = 2, Skipped = 1 });
        await using var db = fixture.Database.OwnerContext();
        var log4shell = await db.Vulnerabilities.SingleAsync(v => v.Id == "CVE-2021-44228");
        log4shell.Description.Should().StartWith("Apache Log4j2 2.0-beta9 through 2.15.0");
        log4shell.CvssV3Score.Should().Be(10.0m);
        log4shell.CvssV3Vector.Should().Be("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H");
        log4shell.Severity.Should().Be(Severity.Critical);
        log4shell.PublishedAt.Should().Be(new DateTimeOffset(2021, 12, 10, 10, 15, 9, 143, TimeSpan.Zero));
        log4shell.IsKnownExploited.Should().BeTrue("the NVD does not touch the KEV flag");
        log4shell.KevDueDate.Should().Be(new DateOnly(2021, 12, 24));
        log4shell.UpdatedAt.Should().Be(at);

        var citrixBleed = await db.Vulnerabilities.SingleAsync(v => v.Id == "CVE-2023-4966");
        citrixBleed.Title.Should().Be("Citrix NetScaler ADC and NetScaler Gateway Buffer Overflow Vulnerability");
        citrixBleed.CvssV3Score.Should().Be(7.5m, "the NVD's own (Primary) score wins over the CNA's 9.4");
        citrixBleed.Severity.Should().Be(Severity.High);

        var eternalBlue = await db.Vulnerabilities.SingleAsync(v => v.Id == "CVE-2017-0144");
        eternalBlue.Title.Should().Be("MS17-010 EternalBlue", "the NVD has no name for it, so the catalog's stays");
        eternalBlue.CvssV3Score.Should().Be(8.1m);
        eternalBlue.CvssV3Vector.Should().Be("CVSS:3.0/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H");
        eternalBlue.Severity.Should().Be(Severity.High, "a CVSS score decides the severity");

        (await db.Vulnerabilities.AnyAsync(v => v.Id == "CVE-2025-29999")).Should().BeFalse("a rejected CVE is not added");
    }

    [Fact]
    public async Task Nvd_is_asked_page_by_page_for_the_lookback_window_with_the_api_key_which_is_never_logged()
    {
        env.Server.Serve(EnrichmentEnvironment.NvdPath, NvdSamples.Pages());

        await env.RunAsync(EnrichmentFeeds.Nvd, EnrichmentEnvironment.Start);

        env.Server.Requests.Select(r => r.Query["startIndex"]).Should().Equal("0", "2");
        env.Server.Requests.Should().AllSatisfy(r =>
        {
            r.Query["resultsPerPage"].Should().Be("2");
            r.Query["lastModStartDate"].Should().Be("2025-08-23T06:00:00.000+00:00");
            r.Query["lastModEndDate"].Should().Be("2025-08-26T06:00:00.000+00:00");
            r.Headers["apiKey"].Should().Be(ApiKey);
        });
        env.Logs.Lines.Should().NotBeEmpty().And.NotContain(l => l.Contains(ApiKey));
    }

    [Fact]
    public async Task A_second_run_over_the_same_pages_changes_nothing()
    {
        env.Server.Serve(EnrichmentEnvironment.NvdPath, NvdSamples.Pages());
        await env.RunAsync(EnrichmentFeeds.Nvd, EnrichmentEnvironment.Start);
        var before = await env.SnapshotAsync();

        var again = await env.RunAsync(EnrichmentFeeds.Nvd, EnrichmentEnvironment.Start.AddDays(1));

        again.Should().BeEquivalentTo(new FeedResult(EnrichmentFeeds.Nvd) { Received = 3, Unchanged = 3, Skipped = 1 });
        (await env.SnapshotAsync()).Should().Equal(before);
    }

    [Fact]
    public async Task A_429_with_retry_after_is_honoured_before_asking_again()
    {
        var pages = NvdSamples.Pages();
        var calls = 0;
        env.Server.Serve(EnrichmentEnvironment.NvdPath, async context =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                context.Response.Headers.RetryAfter = "1";
                return;
            }

            await pages(context);
        });

        var result = await env.RunAsync(EnrichmentFeeds.Nvd, EnrichmentEnvironment.Start);

        result.Received.Should().Be(3);
        var requests = env.Server.Requests;
        requests.Select(r => r.Query["startIndex"]).Should().Equal("0", "0", "2");
        (requests[1].At - requests[0].At).Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(950),
            "the server asked for one second, and the configured fallback delay is zero");
    }

    [Fact]
    public async Task Throttling_beyond_the_allowed_attempts_fails_the_feed_and_changes_nothing()
    {
        var before = await env.SnapshotAsync();
        env.Server.Serve(EnrichmentEnvironment.NvdPath, context =>
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return Task.CompletedTask;
        });

        var run = () => env.RunAsync(EnrichmentFeeds.Nvd, EnrichmentEnvironment.Start);

        (await run.Should().ThrowAsync<EnrichmentFailedException>()).Which.Failures[EnrichmentFeeds.Nvd]
            .Should().BeOfType<HttpRequestException>().Which.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        env.Server.Requests.Should().HaveCount(5, "NvdMaxAttempts defaults to 5");
        (await env.SnapshotAsync()).Should().Equal(before);
    }

    [Fact]
    public async Task A_malformed_second_page_fails_and_nothing_of_the_first_is_written()
    {
        var before = await env.SnapshotAsync();
        env.Server.Serve(EnrichmentEnvironment.NvdPath, NvdSamples.Pages(secondPage: NvdSamples.Page(1)[..500]));

        var run = () => env.RunAsync(EnrichmentFeeds.Nvd, EnrichmentEnvironment.Start);

        (await run.Should().ThrowAsync<EnrichmentFailedException>()).Which.Failures[EnrichmentFeeds.Nvd]
            .Should().BeOfType<FeedFormatException>().Which.Message.Should().StartWith("The NVD CVE API page is malformed:");
        env.Server.Requests.Should().HaveCount(2);
        (await env.SnapshotAsync()).Should().Equal(before);
    }
}
