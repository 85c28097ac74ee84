namespace PatchHound.Benchmarks;

/// <summary>
/// One step of a run's job chain as Hangfire's state table recorded it: a batch (<see cref="Batch"/> from 1) or the
/// merge (<see cref="Batch"/> null). Several jobs for one step would be a duplicate; so would several successes.
/// </summary>
internal sealed record ChainStep(int? Batch, int Jobs, DateTime? Enqueued, DateTime? Processing, DateTime? Succeeded, int Executions, int Successes, int Failures)
{
    /// <summary>Batches in order, the merge last.</summary>
    public int Order => Batch ?? int.MaxValue;

    public TimeSpan? Duration => Processing is { } start && Succeeded is { } end ? end - start : null;
}
