using Npgsql;

namespace PatchHound.IntegrationTests.Api.Isolation;

/// <summary>Row counts of every application table: equal before and after means a request wrote nothing.</summary>
public static class DatabaseFingerprint
{
    // Reads under platform scope are recorded there by design; they are not writes by the request's body.
    private const string Excluded = "'platform_access_entries', '__EFMigrationsHistory'";

    public static async Task<Dictionary<string, long>> TakeAsync(string ownerConnectionString)
    {
        await using var connection = new NpgsqlConnection(ownerConnectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand(
            $"SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename NOT IN ({Excluded}) ORDER BY 1", connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        var counts = new Dictionary<string, long>();
        foreach (var table in tables)
        {
            await using var count = new NpgsqlCommand($"SELECT count(*) FROM public.\"{table}\"", connection);
            counts[table] = (long)(await count.ExecuteScalarAsync())!;
        }

        return counts;
    }
}
