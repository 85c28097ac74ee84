using Npgsql;
using PatchHound.Core.Findings;
using PatchHound.Core.Vulnerabilities;
using PatchHound.Infrastructure.Persistence;
using PatchHound.IntegrationTests.Harness;
using PatchHound.Reads;
using PatchHound.Reads.Findings;

namespace PatchHound.IntegrationTests.Api.Read;

/// <summary>
/// At volume, over real HTTP: the CSV export streams (PostgreSQL is still sending rows while the client holds the
/// first ones, so nothing holds the whole set), and keyset paging returns every finding exactly once through
/// hundreds of tied sort keys. The severity order reads an index at this size, and its rank follows the catalog.
/// </summary>
public class FindingsVolumeTests(VolumeApiFixture fixture) : IClassFixture<VolumeApiFixture>
{
    [Fact]
    public async Task Export_streams_rows_while_the_database_is_still_sending_them()
    {
        using var client = await fixture.SocketClientAsync(fixture.TenantA.AnalystEmail, receiveBufferBytes: 4096);

        using var response = await client.GetAsync($"/api/tenants/{fixture.TenantA.Slug}/findings/export.csv", HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        response.Content.Headers.ContentLength.Should().BeNull("a streamed body has no length known in advance");
        await using var body = await response.Content.ReadAsStreamAsync();
        using var reader = new StreamReader(body);
        (await reader.ReadLineAsync()).Should().StartWith("id,cveId,");
        (await reader.ReadLineAsync()).Should().NotBeNullOrEmpty();

        // The client reads no further: the server's writes back up, and so must the query it streams from.
        var blocked = await ExportQueryStateAsync(until: state => state == "active/ClientWrite");
        blocked.Should().Be("active/ClientWrite", "the export query must still be sending rows, held back by the client");

        var lines = 2;
        while (await reader.ReadLineAsync() is not null)
        {
            lines++;
        }

        lines.Should().Be(VolumeApiFixture.Findings + 1);
        (await ExportQueryStateAsync(until: state => state != "active/ClientWrite")).Should().NotBe("active/ClientWrite");
    }

    [Theory]
    [InlineData("-severity")]
    [InlineData("dueAt")]
    public async Task Paging_through_every_page_returns_every_finding_exactly_once(string sort)
    {
        using var client = await fixture.SocketClientAsync(fixture.TenantA.AuditorEmail);

        var found = await client.AllPagesAsync<FindingItem>($"/api/tenants/{fixture.TenantA.Slug}/findings?sort={sort}", limit: 500);

        found.Should().HaveCount(VolumeApiFixture.Findings);
        found.Select(f => f.Id).Should().OnlyHaveUniqueItems();
        var dues = found.Select(f => f.SlaDueAt).ToList();
        if (sort == "dueAt")
        {
            dues.SkipWhile(d => d is not null).Should().OnlyContain(d => d == null, "undated findings come last");
        }
    }

    [Fact]
    public async Task A_severity_page_is_read_along_the_rank_index_without_sorting_or_scanning_findings()
    {
        var sort = new SortOrder<FindingSortKey>(FindingSortKey.Severity, Descending: true);
        var filter = FindingFilter.None with { Statuses = [FindingStatus.Open] };
        await using var connection = new NpgsqlConnection(fixture.Database.AppConnectionString());
        await connection.OpenAsync();
        await using (var scope = new NpgsqlCommand($"SELECT set_config('{RowLevelSecurity.TenantSetting}', '{fixture.TenantA.Id}', false)", connection))
        {
            await scope.ExecuteNonQueryAsync();
        }

        // A page in the middle of the High findings, as a cursor continues it.
        Guid middle;
        await using (var pick = new NpgsqlCommand(
            $"SELECT id FROM findings WHERE status = 'Open' AND {SeverityRankTriggers.Column} = 3 ORDER BY id OFFSET 2000 LIMIT 1", connection))
        {
            middle = (Guid)(await pick.ExecuteScalarAsync())!;
        }

        var after = new FindingCursor(sort.ToString(), middle, Number: (int)Severity.High);
        var segment = FindingKeyset.Segments(sort, after, filter.Severities).First();
        var page = FindingSql.Page(fixture.TenantA.Id, filter, new SlaWindow(DateTimeOffset.UtcNow, TimeSpan.FromDays(7)), segment, 51);
        page.CommandText = "EXPLAIN " + page.CommandText;
        await using var batch = new NpgsqlBatch(connection) { BatchCommands = { page } };
        var plan = new List<string>();
        await using (var reader = await batch.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                plan.Add(reader.GetString(0));
            }
        }

        var text = string.Join('\n', plan);
        text.Should().Contain("ix_findings_tenant_id_status_severity_rank_id", "the page follows the rank index");
        text.Should().NotContain("Seq Scan on findings").And.NotMatchRegex(@"(?m)^\s*(->\s*)?(Incremental )?Sort\b",
            "an index in the order of the page needs no sort");
    }

    [Fact]
    public async Task The_severity_rank_follows_an_enrichment_rating_a_cve_and_the_source_rating_an_unrated_one()
    {
        await using var owner = new NpgsqlConnection(fixture.Database.OwnerConnectionString);
        await owner.OpenAsync();
        var unrated = (string)(await ScalarAsync(owner,
            "SELECT v.id FROM vulnerabilities v JOIN findings f ON f.vulnerability_id = v.id WHERE v.severity = 'None' ORDER BY v.id LIMIT 1"))!;
        var rated = (string)(await ScalarAsync(owner,
            "SELECT v.id FROM vulnerabilities v JOIN findings f ON f.vulnerability_id = v.id WHERE v.severity = 'Medium' ORDER BY v.id LIMIT 1"))!;

        // The tenant's source rates the unrated CVE's findings; an enrichment, as the application and in no tenant's
        // scope, rates the other CVE Critical.
        await using (var app = new NpgsqlConnection(fixture.Database.AppConnectionString()))
        {
            await app.OpenAsync();
            await ScalarAsync(app, $"SELECT set_config('{RowLevelSecurity.TenantSetting}', '{fixture.TenantA.Id}', false)");
            await ScalarAsync(app, $"UPDATE findings SET source_severity = 'High' WHERE vulnerability_id = '{unrated}'");
            await ScalarAsync(app, $"SELECT set_config('{RowLevelSecurity.TenantSetting}', '', false)");
            await ScalarAsync(app, $"UPDATE vulnerabilities SET severity = 'Critical' WHERE id = '{rated}'");
        }

        var ranks = async (string cve) => await ScalarAsync(owner,
            $"SELECT string_agg(DISTINCT {SeverityRankTriggers.Column}::text, ',') FROM findings WHERE vulnerability_id = '{cve}'");
        (await ranks(unrated)).Should().Be("3", "an unrated CVE's findings are ranked by their source's severity");
        (await ranks(rated)).Should().Be("4", "the catalog's new severity re-ranks every finding of the CVE");

        await ScalarAsync(owner, $"UPDATE vulnerabilities SET severity = 'Low' WHERE id = '{unrated}'");
        (await ranks(unrated)).Should().Be("1", "once rated, the catalog's severity wins over the source's");
        var stale = await ScalarAsync(owner, $"""
            SELECT count(*) FROM findings f JOIN vulnerabilities v ON v.id = f.vulnerability_id
            WHERE f.{SeverityRankTriggers.Column} <> ({Infrastructure.Ingestion.EffectiveSeveritySql.RankOf(Infrastructure.Ingestion.EffectiveSeveritySql.Of())})
            """);
        stale.Should().Be(0L, "every finding's rank is its effective severity's");
    }

    private static async Task<object?> ScalarAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    /// <summary>"state/wait_event" of the app login's export query (its session, not its parallel workers) in this database, polled until it matches or 15 s pass.</summary>
    private async Task<string?> ExportQueryStateAsync(Func<string?, bool> until)
    {
        await using var connection = new NpgsqlConnection(fixture.Database.OwnerConnectionString);
        await connection.OpenAsync();
        string? state = null;
        for (var attempt = 0; attempt < 150; attempt++)
        {
            await using var command = new NpgsqlCommand(
                """
                SELECT state || '/' || COALESCE(wait_event, '') FROM pg_stat_activity
                WHERE datname = current_database() AND usename = @login AND backend_type = 'client backend' AND query LIKE '%FROM findings%' AND query NOT LIKE '%pg_stat_activity%'
                ORDER BY state = 'active' DESC LIMIT 1
                """, connection);
            command.Parameters.AddWithValue("login", SchemaSetup.AppLogin);
            state = (string?)await command.ExecuteScalarAsync();
            if (until(state))
            {
                return state;
            }

            await Task.Delay(100);
        }

        return state;
    }
}
