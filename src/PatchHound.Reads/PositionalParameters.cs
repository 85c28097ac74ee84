using Npgsql;

namespace PatchHound.Reads;

/// <summary>
/// The parameters of one hand-written query, numbered in the order they are added ($1, $2 …). Npgsql sends SQL with
/// positional parameters as it is, without parsing it for names; a query built in the same order for the same filters
/// has the same text, so Npgsql prepares it once per connection.
/// </summary>
internal sealed class PositionalParameters
{
    private readonly List<NpgsqlParameter> parameters = [];

    /// <summary>Adds a value and returns its placeholder.</summary>
    public string Add<T>(T value)
    {
        parameters.Add(new NpgsqlParameter<T> { TypedValue = value });
        return "$" + parameters.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>A timestamptz: PostgreSQL keeps instants, and Npgsql accepts them only in UTC.</summary>
    public string Add(DateTimeOffset value) => Add<DateTimeOffset>(value.ToUniversalTime());

    public NpgsqlBatchCommand Command(string sql)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.AddRange(parameters.ToArray());
        return command;
    }
}
