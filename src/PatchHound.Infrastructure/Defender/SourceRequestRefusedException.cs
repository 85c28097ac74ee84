namespace PatchHound.Infrastructure.Defender;

/// <summary>
/// The source answered with a status that retrying cannot change (404, 400, a redirect): usually a wrong base URL.
/// </summary>
public sealed class SourceRequestRefusedException(string message)
    : SourceException(message, permanent: true);
