using System.Globalization;

namespace PatchHound.Jobs.Ingestion;

/// <summary>
/// A via-files run's checkpoint cursor: which snapshot (generation time and file count) it reads and how many of its
/// files are staged. No download URL is ever part of it: they carry SAS signatures and expire anyway.
/// </summary>
public sealed record ExportFileCursor(DateTimeOffset GeneratedTime, int FileCount, int FilesDone)
{
    private const string Prefix = "files;";

    /// <summary>Null for a run that has not staged a file yet.</summary>
    public static ExportFileCursor? Parse(string? cursor)
    {
        if (cursor is null)
        {
            return null;
        }

        var parts = cursor.StartsWith(Prefix, StringComparison.Ordinal) ? cursor[Prefix.Length..].Split(';') : [];
        if (parts.Length != 3
            || !DateTimeOffset.TryParse(parts[0], CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var generated)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            || !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var done)
            || done > count)
        {
            throw new IngestionOrderException($"The checkpoint cursor '{cursor}' is not a via-files position.");
        }

        return new ExportFileCursor(generated, count, done);
    }

    /// <summary>True when <paramref name="generatedTime"/> and <paramref name="fileCount"/> describe this cursor's snapshot.</summary>
    public bool IsSnapshot(DateTimeOffset generatedTime, int fileCount) => GeneratedTime == generatedTime && FileCount == fileCount;

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Prefix}{GeneratedTime.UtcDateTime:O};{FileCount};{FilesDone}");
}
