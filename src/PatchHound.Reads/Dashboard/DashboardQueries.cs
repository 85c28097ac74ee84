using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using PatchHound.Infrastructure.Persistence;
using PatchHound.Infrastructure.Sweeps;

namespace PatchHound.Reads.Dashboard;

/// <summary>The dashboard summary: open findings by severity, SLA and KEV exposure, and a 30-day trend (UTC days).</summary>
internal sealed class DashboardQueries(PatchHoundDbContext db, TimeProvider clock, IOptions<SweepOptions> sweepOptions)
{
    public const int TrendDays = 30;

    public async Task<DashboardDto> GetAsync(CancellationToken cancellationToken)
    {
        var tenantId = db.Tenant.RequireTenantId();
        var window = SlaWindow.At(clock, sweepOptions);
        var today = DateOnly.FromDateTime(window.Now.UtcDateTime);
        var firstDay = today.AddDays(1 - TrendDays);

        // One transaction begun through EF, which enters the tenant scope for row-level security at its start; both
        // reads also see one snapshot.
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);
            var connection = (NpgsqlConnection)db.Database.GetDbConnection();
            await using var snapshot = new NpgsqlCommand(DashboardSql.Snapshot, connection);
            snapshot.Parameters.AddWithValue("tenant", tenantId);
            snapshot.Parameters.AddWithValue("now", window.Now);
            snapshot.Parameters.AddWithValue("due_soon_until", window.DueSoonUntil);
            int[] counts;
            await using (var reader = await snapshot.ExecuteReaderAsync(cancellationToken))
            {
                await reader.ReadAsync(cancellationToken);
                counts = Enumerable.Range(0, reader.FieldCount).Select(i => (int)reader.GetInt64(i)).ToArray();
            }

            await using var trend = new NpgsqlCommand(DashboardSql.Trend, connection);
            trend.Parameters.AddWithValue("tenant", tenantId);
            trend.Parameters.AddWithValue("first_day", firstDay);
            trend.Parameters.AddWithValue("days", TrendDays);
            trend.Parameters.AddWithValue("window_start", new DateTimeOffset(firstDay.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));
            var days = new List<TrendDayDto>(TrendDays);
            await using (var reader = await trend.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    days.Add(new TrendDayDto(
                        reader.GetFieldValue<DateOnly>(0), (int)reader.GetInt64(1), (int)reader.GetInt64(2), (int)reader.GetDecimal(3)));
                }
            }

            return new DashboardDto(
                window.Now,
                new SeverityCountsDto(counts[0], counts[1], counts[2], counts[3], counts[4]),
                new SlaExposureDto(counts[5], counts[6], sweepOptions.Value.SlaDueSoonDays),
                new KevExposureDto(counts[7], counts[8]),
                days);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
