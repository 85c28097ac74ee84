using Npgsql;

namespace PatchHound.ApiBenchmarks;

/// <summary>One batch exactly as the API sent it for a findings page: the session settings, then the page's query.</summary>
internal sealed record CapturedBatch(IReadOnlyList<CapturedCommand> Commands)
{
    public static CapturedBatch Of(NpgsqlBatch batch) =>
        new(batch.BatchCommands.Cast<NpgsqlBatchCommand>()
            .Select(c => new CapturedCommand(c.CommandText, c.Parameters.Cast<NpgsqlParameter>().Select(p => p.Clone()).ToList())).ToList());

    public NpgsqlBatch On(NpgsqlConnection connection)
    {
        var batch = new NpgsqlBatch(connection);
        foreach (var command in Commands)
        {
            batch.BatchCommands.Add(command.ToBatchCommand());
        }

        return batch;
    }
}

/// <summary>One statement of a <see cref="CapturedBatch"/>.</summary>
internal sealed record CapturedCommand(string Sql, IReadOnlyList<NpgsqlParameter> Parameters)
{
    public NpgsqlBatchCommand ToBatchCommand(string prefix = "")
    {
        var command = new NpgsqlBatchCommand(prefix + Sql);
        command.Parameters.AddRange(Parameters.Select(p => p.Clone()).ToArray());
        return command;
    }
}
