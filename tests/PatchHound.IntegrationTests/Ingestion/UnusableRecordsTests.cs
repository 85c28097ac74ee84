using Microsoft.EntityFrameworkCore;
using Npgsql;
using PatchHound.Core.Ingestion;
using PatchHound.Infrastructure.Defender;
using PatchHound.Infrastructure.Persistence.Migrations;
using PatchHound.IntegrationTests.Harness;
using PatchHound.Jobs.Ingestion;
using static PatchHound.IntegrationTests.Ingestion.IngestionEnvironment;

namespace PatchHound.IntegrationTests.Ingestion;

/// <summary>
/// The edges of the documented contract: unusable records are skipped and counted up to a share of their page,
/// export devices the machines listing did not report are counted on the run, and catalog severities copied from a
/// source before ADR 0010 are reset.
/// </summary>
public sealed class UnusableRecordsTests(IngestionEnvironment env) : IClassFixture<IngestionEnvironment>
{
    private const string Export = "/api/machines/SoftwareVulnerabilitiesByMachine";

    private static SkippedRecord Skipped(int index) => new(Export, 3, index, "field 'deviceId' is missing or empty");

    [Fact]
    public void A_page_may_hold_up_to_the_allowed_share_of_unusable_records()
    {
        UnusablePage.Check(3, 10, [Skipped(0), Skipped(1), Skipped(2), Skipped(3), Skipped(4)], 0.5);
        UnusablePage.Check(3, 10, [], 0);

        var tooMany = () => UnusablePage.Check(3, 10, [Skipped(2), Skipped(4), Skipped(5), Skipped(6), Skipped(7), Skipped(9)], 0.5);

        tooMany.Should().Throw<SourcePayloadException>().Which.Message.Should().Be(
            $"Defender page 3 of {Export}: 6 of 10 records are unusable, more than the 50% Ingestion:MaxUnusableShare allows " +
            "(first: record 2, field 'deviceId' is missing or empty); the batch fails rather than resolve what the page should have reported.");
        var none = () => UnusablePage.Check(3, 10, [Skipped(2)], 0);
        none.Should().Throw<SourcePayloadException>().Which.Permanent.Should().BeTrue();
    }

    [Fact]
    public async Task A_run_counts_every_skipped_record_and_stores_the_first_locations()
    {
        var source = await env.NewSourceAsync(env.TenantA);
        var run = IngestionRun.Manual(env.TenantA, source, DateTimeOffset.UtcNow);
        run.Start(DateTimeOffset.UtcNow);
        run.RecordSkipped([Skipped(0), Skipped(7)]);
        run.RecordSkipped(Enumerable.Range(0, IngestionRun.MaxSkippedRecordsKept).Select(i => Skipped(100 + i)).ToList());
        await using (var db = env.Context(env.TenantA))
        {
            db.IngestionRuns.Add(run);
            await db.SaveChangesAsync();
        }

        await using var read = env.Context(env.TenantA);
        var stored = await read.IngestionRuns.AsNoTracking().SingleAsync(r => r.Id == run.Id);
        stored.RecordsSkipped.Should().Be(IngestionRun.MaxSkippedRecordsKept + 2);
        stored.SkippedRecords.Should().HaveCount(IngestionRun.MaxSkippedRecordsKept);
        stored.SkippedRecords.Take(3).Should().Equal(Skipped(0), Skipped(7), Skipped(100));
        await using var other = env.Context(env.TenantB);
        (await other.IngestionRuns.AnyAsync(r => r.Id == run.Id)).Should().BeFalse("runs are tenant-scoped");
    }

    [Fact]
    public async Task Export_devices_missing_from_the_machines_listing_are_counted_and_only_known_ones_keep_their_rows()
    {
        var seen = DateTimeOffset.UtcNow;
        var source = await env.NewSourceAsync(env.TenantA);
        await env.RunAsync(env.TenantA, source, seen, [Device("known", seen)], []);

        var result = await env.RunAsync(
            env.TenantA,
            source,
            seen.AddHours(1),
            [Device("listed", seen)],
            [Finding("listed", "CVE-2024-0001", seen), Finding("known", "CVE-2024-0002", seen), Finding("stranger", "CVE-2024-0003", seen)],
            [Software("listed", "openssl", "1.0", seen), Software("known", "openssl", "1.0", seen), Software("unlisted", "curl", "8.0", seen)]);

        result.DevicesNotListed.Should().Be(3, "known, stranger and unlisted are in the export but not in this run's listing");
        result.FindingsWithoutDevice.Should().Be(1, "only the stranger's finding has no device PatchHound knows");
        (await env.FindingsAsync(env.TenantA, source)).Select(f => f.VulnerabilityId).Should().Equal("CVE-2024-0001", "CVE-2024-0002");
        (await env.SoftwareAsync(env.TenantA, source)).Should().HaveCount(2);
    }

    [Fact]
    public async Task Catalog_severities_copied_from_a_source_are_reset_and_feed_ratings_are_kept()
    {
        await AdminSql.ExecuteAsync(env.Database.OwnerConnectionString, """
            INSERT INTO vulnerabilities (id, title, severity, is_known_exploited, updated_at) VALUES
              ('CVE-2019-9001', 'CVE-2019-9001', 'Critical', false, now()),
              ('CVE-2019-9002', 'CVE-2019-9002', 'None', false, now());
            INSERT INTO vulnerabilities (id, title, description, severity, cvss_v3score, published_at, is_known_exploited, updated_at) VALUES
              ('CVE-2019-9003', 'CVE-2019-9003', 'A flaw', 'High', 8.1, now(), false, now()),
              ('CVE-2019-9004', 'CVE-2019-9004', 'No v3 score in NVD', 'Medium', NULL, now(), false, now());
            """);

        await AdminSql.ExecuteAsync(env.Database.OwnerConnectionString, PoisonedCatalogSeverities.ResetSql);
        await AdminSql.ExecuteAsync(env.Database.OwnerConnectionString, PoisonedCatalogSeverities.ResetSql);

        await using var connection = new NpgsqlConnection(env.Database.OwnerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT id, severity FROM vulnerabilities WHERE id LIKE 'CVE-2019-900%' ORDER BY id", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(string, string)>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetString(0), reader.GetString(1)));
        }

        rows.Should().Equal(("CVE-2019-9001", "None"), ("CVE-2019-9002", "None"), ("CVE-2019-9003", "High"), ("CVE-2019-9004", "Medium"));
    }
}
