using Npgsql;

namespace PatchHound.Infrastructure.Persistence;

/// <summary>The rows of a <see cref="TenantSql"/> read; disposing it returns the connection to the pool.</summary>
public sealed class TenantSqlReader(NpgsqlConnection connection, NpgsqlBatch batch, NpgsqlDataReader reader) : IAsyncDisposable
{
    public NpgsqlDataReader Reader => reader;

    public async ValueTask DisposeAsync()
    {
        await reader.DisposeAsync();
        await batch.DisposeAsync();
        await connection.DisposeAsync();
    }
}
