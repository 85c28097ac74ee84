using Microsoft.EntityFrameworkCore;
using Npgsql;
using PatchHound.Core.Sla;
using PatchHound.Infrastructure.Ingestion;
using PatchHound.IntegrationTests.Harness;

namespace PatchHound.IntegrationTests.Ingestion;

public sealed class SlaSqlTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    public static TheoryData<int?, string, bool, string?> Cases => new()
    {
        { 30, "2026-03-01T10:15:30.123456+00:00", false, null },
        { 7, "2026-03-27T23:30:00+00:00", false, null },                // across the EU DST change
        { null, "2026-03-01T10:00:00+00:00", true, "2026-03-02" },      // severity None: no SLA, even for KEV
        { 30, "2026-03-01T10:00:00+00:00", true, "2026-03-10" },        // KEV due date is earlier: end of that day
        { 5, "2026-03-01T10:00:00+00:00", true, "2026-04-10" },         // KEV due date later: the policy wins
        { 30, "2026-03-01T10:00:00+00:00", false, "2026-03-10" },       // a due date without the KEV flag is ignored
        { 30, "2026-03-01T10:00:00+00:00", true, null },                // KEV without a due date
        { 90, "2026-03-01T18:00:00-05:00", false, null },               // offset normalised to UTC
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Sql_due_date_equals_the_sla_calculator(int? days, string firstSeen, bool kev, string? kevDue)
    {
        var first = DateTimeOffset.Parse(firstSeen, System.Globalization.CultureInfo.InvariantCulture);
        var kevDate = kevDue is null ? (DateOnly?)null : DateOnly.Parse(kevDue, System.Globalization.CultureInfo.InvariantCulture);
        await using var db = fixture.Database.AppContext();
        await db.Database.OpenConnectionAsync();
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        // A session time zone with DST shows that days are added as exact 24 hours, as in the calculator.
        await using (var tz = new NpgsqlCommand("SET TIME ZONE 'Europe/Amsterdam'", connection))
        {
            await tz.ExecuteNonQueryAsync();
        }

        await using var command = new NpgsqlCommand(
            $"SELECT {SlaSql.DueAt("@days", "@first", "@kev", "@kevdue")}", connection);
        command.Parameters.Add(new NpgsqlParameter("days", NpgsqlTypes.NpgsqlDbType.Integer) { Value = (object?)days ?? DBNull.Value });
        command.Parameters.AddWithValue("first", first.ToUniversalTime());
        command.Parameters.AddWithValue("kev", kev);
        command.Parameters.Add(new NpgsqlParameter("kevdue", NpgsqlTypes.NpgsqlDbType.Date) { Value = (object?)kevDate ?? DBNull.Value });

        var result = await command.ExecuteScalarAsync();

        var expected = SlaCalculator.DueAt(days, first, kev, kevDate);
        (result is DBNull ? (DateTimeOffset?)null : new DateTimeOffset((DateTime)result!)).Should().Be(expected);
    }
}
