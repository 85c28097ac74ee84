using System.Collections.Concurrent;
using Npgsql;
using PatchHound.Infrastructure.Persistence;

namespace PatchHound.ApiBenchmarks;

/// <summary>
/// Records the batches the API's hand-written reads send in this process (<see cref="TenantSql.Diagnostics"/>), so
/// the database phase replays the very SQL and parameters the API phase sent.
/// </summary>
internal sealed class SqlCapture : IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private readonly ConcurrentQueue<CapturedBatch> captured = new();
    private readonly IDisposable subscription;

    public SqlCapture() => subscription = TenantSql.Diagnostics.Subscribe(this);

    public bool Enabled { get; set; }

    /// <summary>The findings batches captured since the last call.</summary>
    public List<CapturedBatch> Drain()
    {
        var drained = new List<CapturedBatch>();
        while (captured.TryDequeue(out var batch))
        {
            drained.Add(batch);
        }

        return drained;
    }

    public void OnNext(KeyValuePair<string, object?> value)
    {
        if (Enabled && value.Key == TenantSql.ExecutingEvent && value.Value is NpgsqlBatch batch
            && batch.BatchCommands.Cast<NpgsqlBatchCommand>().Any(c => c.CommandText.Contains("FROM findings", StringComparison.Ordinal)))
        {
            captured.Enqueue(CapturedBatch.Of(batch));
        }
    }

    public void OnCompleted()
    {
    }

    public void OnError(Exception error)
    {
    }

    public void Dispose() => subscription.Dispose();
}
