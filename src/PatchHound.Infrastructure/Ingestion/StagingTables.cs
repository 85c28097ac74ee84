namespace PatchHound.Infrastructure.Ingestion;

/// <summary>
/// The tables a run stages into. Statements that treat them all alike (deleting a batch, a run, or listing the runs
/// with staging) are built from this list, so a new staging table cannot be left out of one of them.
/// </summary>
internal static class StagingTables
{
    public static readonly IReadOnlyList<string> All = ["staged_software", "staged_findings", "staged_devices"];

    /// <summary>The statement for every table, joined by <paramref name="separator"/>.</summary>
    public static string Each(Func<string, string> statement, string separator = ";\n") =>
        string.Join(separator, All.Select(statement));
}
