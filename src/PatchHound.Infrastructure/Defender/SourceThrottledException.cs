namespace PatchHound.Infrastructure.Defender;

/// <summary>The source kept answering 429 after every retry we allow; a later run can succeed.</summary>
public sealed class SourceThrottledException(string message)
    : SourceException(message, permanent: false);
