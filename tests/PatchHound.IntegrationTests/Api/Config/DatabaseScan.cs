using System.Text;
using Npgsql;
using PatchHound.IntegrationTests.Harness;

namespace PatchHound.IntegrationTests.Api.Config;

/// <summary>
/// Searches every column of every table of the database (as the owner, so row-level security hides nothing) for a
/// string: as text (each value cast to text, jsonb and arrays included) and, in bytea columns, as its UTF-8 bytes.
/// </summary>
internal static class DatabaseScan
{
    public static async Task<List<string>> FindAsync(TestDatabase database, string needle)
    {
        await using var connection = new NpgsqlConnection(database.OwnerConnectionString);
        await connection.OpenAsync();
        var columns = new List<(string Schema, string Table, string Column, string Type)>();
        await using (var list = new NpgsqlCommand("""
            SELECT c.table_schema, c.table_name, c.column_name, c.data_type
            FROM information_schema.columns c
            JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
            WHERE t.table_type = 'BASE TABLE' AND c.table_schema NOT IN ('pg_catalog', 'information_schema')
            """, connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                columns.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3)));
            }
        }

        columns.Should().Contain(c => c.Table == "encrypted_secrets" && c.Column == "ciphertext", "the scan must cover the secret store");
        var hits = new List<string>();
        foreach (var (schema, table, column, type) in columns)
        {
            var name = $"\"{schema}\".\"{table}\"";
            var sql = type == "bytea"
                ? $"SELECT count(*) FROM {name} WHERE position(@bytes IN \"{column}\") > 0 OR strpos(\"{column}\"::text, @text) > 0"
                : $"SELECT count(*) FROM {name} WHERE strpos(\"{column}\"::text, @text) > 0";
            await using var command = new NpgsqlCommand(sql, connection);
            command.Parameters.AddWithValue("text", needle);
            if (type == "bytea")
            {
                command.Parameters.AddWithValue("bytes", Encoding.UTF8.GetBytes(needle));
            }

            if ((long)(await command.ExecuteScalarAsync())! > 0)
            {
                hits.Add($"{schema}.{table}.{column}");
            }
        }

        return hits;
    }
}
