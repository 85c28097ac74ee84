using System.Text;
using Microsoft.EntityFrameworkCore;
using PatchHound.Core.Vulnerabilities;
using PatchHound.Infrastructure.Enrichment;
using PatchHound.IntegrationTests.Harness;

namespace PatchHound.IntegrationTests.Enrichment;

public sealed class KevEnrichmentTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private const string Json = "application/json";
    private EnrichmentEnvironment env = null!;

    public async Task InitializeAsync() => env = await EnrichmentEnvironment.StartAsync(fixture.Database);

    public async Task DisposeAsync() => await env.DisposeAsync();

    [Fact]
    public async Task Kev_import_flags_every_catalog_entry_with_its_dates()
    {
        var cveIds = KevCatalogFile.CveIds();
        await SeedAsync(new Vulnerability("CVE-2021-44228", "Log4Shell (from a scanner)", Severity.Critical, EnrichmentEnvironment.Start));
        env.Server.Serve(EnrichmentEnvironment.KevPath, KevCatalogFile.Bytes, Json);

        var result = await env.RunAsync(EnrichmentFeeds.Kev, EnrichmentEnvironment.Start.AddHours(1));

        result.Should().BeEquivalentTo(new FeedResult(EnrichmentFeeds.Kev)
        {
            Received = cveIds.Count,
            Inserted = cveIds.Count - 1,
            Updated = 1,
            Unchanged = 0,
            Skipped = 0,
            Cleared = 0,
        });
        await using var db = fixture.Database.OwnerContext();
        (await db.Vulnerabilities.CountAsync(v => v.IsKnownExploited)).Should().Be(cveIds.Count).And.Be(1404);
        var log4shell = await db.Vulnerabilities.SingleAsync(v => v.Id == "CVE-2021-44228");
        log4shell.KevDateAdded.Should().Be(new DateOnly(2021, 12, 10));
        log4shell.KevDueDate.Should().Be(new DateOnly(2021, 12, 24));
        log4shell.Title.Should().Be("Log4Shell (from a scanner)", "KEV flags a known CVE without renaming it");
        log4shell.Severity.Should().Be(Severity.Critical);
        log4shell.UpdatedAt.Should().Be(EnrichmentEnvironment.Start.AddHours(1));

        var git = await db.Vulnerabilities.SingleAsync(v => v.Id == "CVE-2025-48384");
        git.Title.Should().Be("Git Link Following Vulnerability");
        git.Description.Should().StartWith("Git contains a link following vulnerability");
        git.Severity.Should().Be(Severity.None, "a CVE first seen in KEV has no CVSS score until the NVD rates it");
        git.KevDateAdded.Should().Be(new DateOnly(2025, 8, 25));
        git.KevDueDate.Should().Be(new DateOnly(2025, 9, 15));
    }

    [Fact]
    public async Task A_due_date_before_the_date_added_is_dropped_and_the_entry_still_flagged()
    {
        env.Server.Serve(EnrichmentEnvironment.KevPath, KevCatalogFile.Bytes, Json);

        await env.RunAsync(EnrichmentFeeds.Kev, EnrichmentEnvironment.Start);

        await using var db = fixture.Database.OwnerContext();
        var printNightmare = await db.Vulnerabilities.SingleAsync(v => v.Id == "CVE-2021-34527");
        printNightmare.IsKnownExploited.Should().BeTrue();
        printNightmare.KevDateAdded.Should().Be(new DateOnly(2021, 11, 3));
        printNightmare.KevDueDate.Should().BeNull("the catalog's 2021-07-20 predates the date added, which the domain refuses");
        (await db.Vulnerabilities.CountAsync(v => v.KevDueDate < v.KevDateAdded)).Should().Be(0);
    }

    [Fact]
    public async Task Re_importing_the_same_catalog_changes_nothing()
    {
        env.Server.Serve(EnrichmentEnvironment.KevPath, KevCatalogFile.Bytes, Json);
        await env.RunAsync(EnrichmentFeeds.Kev, EnrichmentEnvironment.Start);
        var before = await env.SnapshotAsync();

        var again = await env.RunAsync(EnrichmentFeeds.Kev, EnrichmentEnvironment.Start.AddDays(1));

        again.Should().BeEquivalentTo(new FeedResult(EnrichmentFeeds.Kev) { Received = 1404, Unchanged = 1404 });
        (await env.SnapshotAsync()).Should().Equal(before, "not even updated_at moves when nothing changed");
    }

    [Fact]
    public async Task A_cve_removed_from_the_catalog_is_unflagged_and_kept()
    {
        env.Server.Serve(EnrichmentEnvironment.KevPath, KevCatalogFile.Bytes, Json);
        await env.RunAsync(EnrichmentFeeds.Kev, EnrichmentEnvironment.Start);
        env.Server.Serve(EnrichmentEnvironment.KevPath, KevCatalogFile.Without("CVE-2021-44228"), Json);

        var result = await env.RunAsync(EnrichmentFeeds.Kev, EnrichmentEnvironment.Start.AddDays(1));

        result.Should().BeEquivalentTo(new FeedResult(EnrichmentFeeds.Kev) { Received = 1403, Unchanged = 1403, Cleared = 1 });
        await using var db = fixture.Database.OwnerContext();
        var log4shell = await db.Vulnerabilities.SingleAsync(v => v.Id == "CVE-2021-44228");
        log4shell.IsKnownExploited.Should().BeFalse();
        log4shell.KevDateAdded.Should().BeNull();
        log4shell.KevDueDate.Should().BeNull();
        log4shell.UpdatedAt.Should().Be(EnrichmentEnvironment.Start.AddDays(1));
        (await db.Vulnerabilities.CountAsync(v => v.IsKnownExploited)).Should().Be(1403);
    }

    [Fact]
    public async Task Malformed_entries_are_skipped_and_counted_and_then_no_flag_is_cleared()
    {
        env.Server.Serve(EnrichmentEnvironment.KevPath, KevCatalogFile.Bytes, Json);
        await env.RunAsync(EnrichmentFeeds.Kev, EnrichmentEnvironment.Start);
        env.Server.Serve(EnrichmentEnvironment.KevPath, KevCatalogFile.With(entries =>
        {
            entries.Remove(entries.Single(e => (string)e!["cveID"]! == "CVE-2021-44228"));
            entries[0]!["cveID"] = "not-a-cve";
            entries[1]!["dateAdded"] = "25/08/2025";
            entries[2]!["dueDate"] = 20250915;
        }), Json);

        var result = await env.RunAsync(EnrichmentFeeds.Kev, EnrichmentEnvironment.Start.AddDays(1));

        result.Skipped.Should().Be(3);
        result.Received.Should().Be(1400);
        result.Cleared.Should().Be(0, "a CVE missing from a partly unreadable feed may be one of its unreadable rows");
        await using var db = fixture.Database.OwnerContext();
        (await db.Vulnerabilities.SingleAsync(v => v.Id == "CVE-2021-44228")).IsKnownExploited.Should().BeTrue();
        env.Logs.Lines.Should().Contain(l => l.Contains("not-a-cve") && l.Contains("skipped entry 0"));
    }

    [Theory]
    [InlineData("truncated")]
    [InlineData("syntax error")]
    [InlineData("not an object")]
    public async Task A_malformed_catalog_fails_with_a_clear_error_and_leaves_the_table_exactly_as_before(string damage)
    {
        env.Server.Serve(EnrichmentEnvironment.KevPath, KevCatalogFile.Bytes, Json);
        await env.RunAsync(EnrichmentFeeds.Kev, EnrichmentEnvironment.Start);
        var before = await env.SnapshotAsync();
        // A new CVE first and a dropped one: any partial write would show.
        var changed = KevCatalogFile.With(entries =>
        {
            entries.Insert(0, KevCatalogFile.Entries(KevCatalogFile.Parse())[0].DeepClone());
            entries[0]!["cveID"] = "CVE-2099-0001";
            entries.Remove(entries.Single(e => (string)e!["cveID"]! == "CVE-2021-44228"));
        });
        env.Server.Serve(EnrichmentEnvironment.KevPath, Damage(changed, damage), Json);

        var run = () => env.RunAsync(EnrichmentFeeds.Kev, EnrichmentEnvironment.Start.AddDays(1));

        var failure = (await run.Should().ThrowAsync<EnrichmentFailedException>()).Which;
        failure.Failures.Should().ContainKey(EnrichmentFeeds.Kev)
            .WhoseValue.Should().BeOfType<FeedFormatException>()
            .Which.Message.Should().StartWith("The CISA KEV catalog is malformed:");
        failure.Result.Feeds.Should().BeEmpty();
        (await env.SnapshotAsync()).Should().Equal(before);
    }

    private static byte[] Damage(byte[] document, string damage) => damage switch
    {
        "truncated" => document[..(document.Length / 2)],
        "syntax error" => BreakLastDueDate(Encoding.UTF8.GetString(document)),
        _ => Encoding.UTF8.GetBytes("[{\"cveID\":\"CVE-2099-0001\"}]"),
    };

    /// <summary>A missing colon near the end of the document, after most entries were staged.</summary>
    private static byte[] BreakLastDueDate(string document)
    {
        var at = document.LastIndexOf("\"dueDate\":", StringComparison.Ordinal) + "\"dueDate\"".Length;
        return Encoding.UTF8.GetBytes(document.Remove(at, 1).Insert(at, " "));
    }

    private async Task SeedAsync(Vulnerability vulnerability)
    {
        await using var db = fixture.Database.OwnerContext();
        db.Vulnerabilities.Add(vulnerability);
        await db.SaveChangesAsync();
    }
}
