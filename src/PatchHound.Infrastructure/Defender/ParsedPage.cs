using PatchHound.Core.Ingestion;

namespace PatchHound.Infrastructure.Defender;

internal sealed record ParsedPage<T>(IReadOnlyList<T> Items, string? NextLink, long Bytes)
{
    /// <summary>Records of the page that could not be used; their indexes count every record of the page.</summary>
    public IReadOnlyList<SkippedRecord> Skipped { get; init; } = [];
}
