namespace PatchHound.Infrastructure.Defender;

/// <summary>
/// The source answered with something we cannot use (not JSON, malformed, missing fields, a page too large, an
/// unsafe next link). Permanent: the same request would get the same answer.
/// </summary>
public sealed class SourcePayloadException : SourceException
{
    public SourcePayloadException(
        string message,
        int pageNumber,
        int? recordIndex = null,
        string? field = null,
        Exception? innerException = null)
        : base(message, permanent: true, innerException)
    {
        PageNumber = pageNumber;
        RecordIndex = recordIndex;
        Field = field;
    }

    /// <summary>1-based number of the page within the enumeration that failed.</summary>
    public int PageNumber { get; }

    /// <summary>0-based index of the record within the page, when the fault is in a record.</summary>
    public int? RecordIndex { get; }

    /// <summary>The JSON property at fault, when known.</summary>
    public string? Field { get; }
}
