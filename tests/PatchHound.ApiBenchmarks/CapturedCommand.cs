using Npgsql;

namespace PatchHound.ApiBenchmarks;

/// <summary>A SQL command exactly as EF sent it for one API request, to run again directly on PostgreSQL.</summary>
internal sealed record CapturedCommand(string Sql, IReadOnlyList<NpgsqlParameter> Parameters)
{
    public NpgsqlCommand On(NpgsqlConnection connection)
    {
        var command = new NpgsqlCommand(Sql, connection);
        command.Parameters.AddRange(Parameters.Select(p => p.Clone()).ToArray());
        return command;
    }
}
