namespace PatchHound.Infrastructure.Defender;

/// <summary>Where a record sits, for error messages that point at the bad field.</summary>
internal readonly record struct RecordLocation(int PageNumber, int RecordIndex)
{
    public SourcePayloadException Fault(string? field, string problem) =>
        new(
            field is null
                ? $"Defender page {PageNumber}, record {RecordIndex}: {problem}."
                : $"Defender page {PageNumber}, record {RecordIndex}: field '{field}' {problem}.",
            PageNumber,
            RecordIndex,
            field);
}
