namespace PatchHound.Core.Ingestion;

/// <summary>
/// A source record a run could not use (no device id, no software name): where it was — page number within its
/// listing, 0-based index in the page — and why. Never the payload, which may hold anything.
/// </summary>
public sealed record SkippedRecord(string Listing, int Page, int Index, string Reason)
{
    public const int ReasonMaxLength = 200;
}
