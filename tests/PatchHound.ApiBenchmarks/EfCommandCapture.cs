using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace PatchHound.ApiBenchmarks;

/// <summary>
/// Records the findings queries EF executes in this process (EF's DiagnosticListener events), so the database phase
/// replays the very SQL and parameters the API phase sent.
/// </summary>
internal sealed class EfCommandCapture : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private readonly ConcurrentQueue<CapturedCommand> captured = new();
    private readonly List<IDisposable> subscriptions = [];

    public EfCommandCapture() => subscriptions.Add(DiagnosticListener.AllListeners.Subscribe(this));

    public bool Enabled { get; set; }

    /// <summary>The findings commands captured since the last call.</summary>
    public List<CapturedCommand> Drain()
    {
        var drained = new List<CapturedCommand>();
        while (captured.TryDequeue(out var command))
        {
            drained.Add(command);
        }

        return drained;
    }

    public void OnNext(DiagnosticListener value)
    {
        if (value.Name == DbLoggerCategory.Name)
        {
            subscriptions.Add(value.Subscribe(this));
        }
    }

    public void OnNext(KeyValuePair<string, object?> value)
    {
        if (Enabled && value.Key == RelationalEventId.CommandExecuting.Name && value.Value is CommandEventData data
            && data.Command.CommandText.Contains("FROM findings", StringComparison.Ordinal))
        {
            captured.Enqueue(new CapturedCommand(
                data.Command.CommandText, data.Command.Parameters.Cast<NpgsqlParameter>().Select(p => p.Clone()).ToList()));
        }
    }

    public void OnCompleted()
    {
    }

    public void OnError(Exception error)
    {
    }

    public void Dispose()
    {
        foreach (var subscription in subscriptions)
        {
            subscription.Dispose();
        }
    }
}
