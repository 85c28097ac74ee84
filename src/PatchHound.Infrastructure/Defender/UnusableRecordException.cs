namespace PatchHound.Infrastructure.Defender;

/// <summary>
/// A record read whole that cannot be ingested (no device id, no software name): the page reader counts it as
/// skipped and goes on. Thrown only after the record's last token, so the reader stands where the next one starts.
/// </summary>
internal sealed class UnusableRecordException(string reason) : Exception(reason)
{
    public string Reason { get; } = reason;
}
