namespace PatchHound.Infrastructure.Defender;

/// <summary>
/// Where a record sits, for error messages that point at the bad field: record <paramref name="RecordIndex"/> of
/// <paramref name="Unit"/> <paramref name="PageNumber"/> ("page", or "export file" for the via-files export).
/// </summary>
internal readonly record struct RecordLocation(int PageNumber, int RecordIndex, string Unit = "page")
{
    public SourcePayloadException Fault(string? field, string problem) =>
        new(
            field is null
                ? $"Defender {Unit} {PageNumber}, record {RecordIndex}: {problem}."
                : $"Defender {Unit} {PageNumber}, record {RecordIndex}: field '{field}' {problem}.",
            PageNumber,
            RecordIndex,
            field);
}
