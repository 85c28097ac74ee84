namespace PatchHound.Infrastructure.Secrets;

/// <summary>A secret could not be written or deleted. The message names the secret, never its value.</summary>
public sealed class SecretStoreException(string message, Exception? innerException = null) : Exception(message, innerException);
