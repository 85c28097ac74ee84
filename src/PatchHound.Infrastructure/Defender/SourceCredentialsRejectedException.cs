namespace PatchHound.Infrastructure.Defender;

/// <summary>The source or its token issuer refused our credentials; retrying with the same ones cannot help.</summary>
public sealed class SourceCredentialsRejectedException(string message, Exception? innerException = null)
    : SourceException(message, permanent: true, innerException);
