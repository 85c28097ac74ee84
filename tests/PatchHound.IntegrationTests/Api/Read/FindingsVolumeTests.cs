using Npgsql;
using PatchHound.IntegrationTests.Harness;

namespace PatchHound.IntegrationTests.Api.Read;

/// <summary>
/// At volume, over real HTTP: the CSV export streams (PostgreSQL is still sending rows while the client holds the
/// first ones, so nothing holds the whole set), and keyset paging returns every finding exactly once through
/// hundreds of tied sort keys.
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
