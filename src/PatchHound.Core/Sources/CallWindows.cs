namespace PatchHound.Core.Sources;

/// <summary>
/// Sliding windows of calls in memory, per partition: a call is admitted only when every one of its limits has room,
/// and then counts in all of them. The algorithm of the shared Redis budget (ADR 0017), for one process: the client's
/// fallback while Redis is away, and the simulator's enforcement of the documented limits. Thread-safe.
/// </summary>
public sealed class CallWindows
{
    private readonly Dictionary<string, Queue<DateTimeOffset>> windows = new(StringComparer.Ordinal);

    /// <returns>Zero when the call was admitted; otherwise how long until one would be (nothing is counted then).</returns>
    public TimeSpan Take(string partition, IReadOnlyList<CallLimit> limits, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(limits);
        lock (windows)
        {
            var wait = TimeSpan.Zero;
            var calls = limits.Select(limit => Calls(partition, limit.Per, now)).ToList();
            for (var i = 0; i < limits.Count; i++)
            {
                if (calls[i].Count >= limits[i].Calls)
                {
                    var free = calls[i].ElementAt(calls[i].Count - limits[i].Calls) + limits[i].Per - now;
                    wait = free > wait ? free : wait;
                }
            }

            if (wait > TimeSpan.Zero)
            {
                return wait;
            }

            foreach (var queue in calls)
            {
                queue.Enqueue(now);
            }

            return TimeSpan.Zero;
        }
    }

    /// <summary>Counts a call whatever the limits; returns how many calls of the partition fell in the last <paramref name="per"/>.</summary>
    public int Record(string partition, TimeSpan per, DateTimeOffset now)
    {
        lock (windows)
        {
            var queue = Calls(partition, per, now);
            queue.Enqueue(now);
            return queue.Count;
        }
    }

    public void Clear()
    {
        lock (windows)
        {
            windows.Clear();
        }
    }

    private Queue<DateTimeOffset> Calls(string partition, TimeSpan per, DateTimeOffset now)
    {
        var key = $"{partition}:{per.Ticks}";
        if (!windows.TryGetValue(key, out var queue))
        {
            windows[key] = queue = new Queue<DateTimeOffset>();
        }

        while (queue.Count > 0 && queue.Peek() <= now - per)
        {
            queue.Dequeue();
        }

        return queue;
    }
}
