namespace PatchHound.Infrastructure.Defender;

internal sealed record ParsedPage<T>(IReadOnlyList<T> Items, string? NextLink, long Bytes);
