using Npgsql;
using PatchHound.Infrastructure.Persistence;

namespace PatchHound.Benchmarks;

/// <summary>
/// Where a run's time went, from Hangfire's own records (schema <c>hangfire</c>): how long each chain step ran, and
/// the hop between steps — from one step's Succeeded state to the next step's first Processing state, i.e. the
/// time a continuation spends being enqueued and waiting for a worker to fetch it.
/// </summary>
internal sealed record RunTimeline(IReadOnlyList<ChainStep> Steps)
{
    // Hangfire stores each argument JSON-serialized: a run id is the string "\"<guid>\"", a batch number "3".
    private static readonly string StepsSql = $"""
        SELECT CASE WHEN j.invocationdata::jsonb->>'Type' LIKE '%IngestionMergeJob%' THEN NULL
                    ELSE (j.arguments::jsonb->>3)::int END AS batch,
               j.id, s.name, s.createdat
        FROM {JobStorageSchema.Name}.job j
        JOIN {JobStorageSchema.Name}.state s ON s.jobid = j.id
        WHERE j.arguments::jsonb->>2 = @run
          AND (j.invocationdata::jsonb->>'Type' LIKE '%IngestionBatchJob%' OR j.invocationdata::jsonb->>'Type' LIKE '%IngestionMergeJob%')
        ORDER BY s.createdat, s.id
        """;

    public static async Task<RunTimeline> ReadAsync(string connectionString, Guid runId, CancellationToken cancellationToken)
    {
        var states = new List<(int? Batch, long Job, string State, DateTime At)>();
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand(StepsSql, connection);
            command.Parameters.AddWithValue("run", $"\"{runId}\"");
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                states.Add((reader.IsDBNull(0) ? null : reader.GetInt32(0), reader.GetInt64(1), reader.GetString(2), reader.GetDateTime(3)));
            }
        }

        var steps = states.GroupBy(s => s.Batch).Select(step =>
        {
            DateTime? First(string name) => step.Where(s => s.State == name).Select(s => (DateTime?)s.At).FirstOrDefault();
            int Count(string name) => step.Count(s => s.State == name);
            return new ChainStep(step.Key, step.Select(s => s.Job).Distinct().Count(), First("Enqueued"), First("Processing"),
                First("Succeeded"), Count("Processing"), Count("Succeeded"), Count("Failed"));
        });
        return new RunTimeline(steps.OrderBy(s => s.Order).ToList());
    }

    /// <summary>The merge step has a final state (Hangfire writes it just after the run row says Succeeded).</summary>
    public bool IsComplete => Steps.Count > 0 && Steps[^1] is { Batch: null } merge && (merge.Successes > 0 || merge.Failures > 0);

    /// <summary>
    /// Succeeded of each step to Processing of the next. Hangfire stamps a state when it builds it, before the commit,
    /// so a worker that fetches the next job at once can stamp Processing a few milliseconds before the Succeeded row
    /// it waited for: such a hop counts as zero.
    /// </summary>
    public IReadOnlyList<TimeSpan> Hops =>
        Steps.Zip(Steps.Skip(1))
            .Where(pair => pair.First.Succeeded is not null && pair.Second.Processing is not null)
            .Select(pair => Max(pair.Second.Processing!.Value - pair.First.Succeeded!.Value, TimeSpan.Zero))
            .ToList();

    /// <summary>One line per step: batch, hop before it, duration, executions (for <c>--verbose</c>).</summary>
    public IEnumerable<string> Describe()
    {
        DateTime? previous = null;
        foreach (var step in Steps)
        {
            var hop = previous is { } succeeded && step.Processing is { } processing ? Max(processing - succeeded, TimeSpan.Zero).TotalMilliseconds : double.NaN;
            yield return $"    {(step.Batch is { } batch ? "batch " + batch : "merge"),-10} hop {hop,7:F0} ms, ran {step.Duration?.TotalMilliseconds ?? double.NaN,7:F0} ms, jobs {step.Jobs}, executions {step.Executions}, failures {step.Failures}";
            previous = step.Succeeded;
        }
    }

    /// <summary>From the first batch being enqueued to a worker starting it.</summary>
    public TimeSpan? FirstPickup => Steps.Count > 0 && Steps[0] is { Enqueued: { } enqueued, Processing: { } processing } ? processing - enqueued : null;

    public TimeSpan BatchJobsTime => Sum(Steps.Where(s => s.Batch is not null));

    public TimeSpan MergeJobTime => Sum(Steps.Where(s => s.Batch is null));

    /// <summary>Steps that had more than one job, or succeeded more than once: work done twice.</summary>
    public int DuplicatedSteps => Steps.Count(s => s.Jobs > 1 || s.Successes > 1);

    public int Failures => Steps.Sum(s => s.Failures);

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static TimeSpan Sum(IEnumerable<ChainStep> steps) =>
        steps.Aggregate(TimeSpan.Zero, (total, step) => total + (step.Duration ?? TimeSpan.Zero));
}
