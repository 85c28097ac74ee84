namespace PatchHound.Infrastructure.Persistence;

public sealed record MigrationResult(IReadOnlyList<string> Applied)
{
    public bool AppliedAny => Applied.Count > 0;
}
