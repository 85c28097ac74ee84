namespace PatchHound.Infrastructure.Defender;

/// <summary>
/// Azure Storage refused an export file's download URL (403 or 404): its SAS expired, or the snapshot it belonged to
/// is gone. Fresh URLs from the export endpoint fix it, so it is not permanent.
/// </summary>
public sealed class ExportFileExpiredException(string message)
    : SourceException(message, permanent: false);
