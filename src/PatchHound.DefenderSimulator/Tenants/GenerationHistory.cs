namespace PatchHound.DefenderSimulator.Tenants;

/// <summary>When a tenant's generation was set or advanced, so a delta's <c>sinceTime</c> finds the generation of then.</summary>
public sealed class GenerationHistory
{
    private readonly List<(DateTimeOffset At, int Generation)> changes = [];

    public void Record(DateTimeOffset at, int generation) => changes.Add((at, generation));

    /// <summary>The generation set last at or before <paramref name="at"/>; null when none was set yet.</summary>
    public int? At(DateTimeOffset at)
    {
        int? generation = null;
        foreach (var change in changes)
        {
            if (change.At > at)
            {
                break;
            }

            generation = change.Generation;
        }

        return generation;
    }
}
