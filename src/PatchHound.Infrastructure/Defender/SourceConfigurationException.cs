namespace PatchHound.Infrastructure.Defender;

/// <summary>The source cannot be used as configured (missing or malformed credential, no credential reference).</summary>
public sealed class SourceConfigurationException(string message, Exception? innerException = null)
    : SourceException(message, permanent: true, innerException);
