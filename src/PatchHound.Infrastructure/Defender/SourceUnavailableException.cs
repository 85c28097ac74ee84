namespace PatchHound.Infrastructure.Defender;

/// <summary>Server errors, time-outs or broken connections outlasted our retries; a later run can succeed.</summary>
public sealed class SourceUnavailableException(string message, Exception? innerException = null)
    : SourceException(message, permanent: false, innerException);
