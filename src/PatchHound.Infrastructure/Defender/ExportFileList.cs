namespace PatchHound.Infrastructure.Defender;

/// <summary>
/// The answer of <c>GET /api/machines/SoftwareVulnerabilitiesExport</c>: the download URLs of the current snapshot's
/// files and when Defender generated that snapshot (a new snapshot is another generation, possibly split otherwise).
/// The URLs carry SAS signatures: they are kept in memory only, and <see cref="ToString"/> never shows them.
/// </summary>
public sealed class ExportFileList(DateTimeOffset generatedTime, IReadOnlyList<Uri> files)
{
    public DateTimeOffset GeneratedTime { get; } = generatedTime;

    public IReadOnlyList<Uri> Files { get; } = files;

    public override string ToString() => $"{Files.Count} export files generated {GeneratedTime:O}";
}
