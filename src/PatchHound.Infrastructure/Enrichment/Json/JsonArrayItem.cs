namespace PatchHound.Infrastructure.Enrichment.Json;

/// <summary>One element of a streamed JSON array: its value, or why it could not be read as one.</summary>
internal readonly record struct JsonArrayItem<T>(int Index, T? Value, string? Error)
    where T : class;
