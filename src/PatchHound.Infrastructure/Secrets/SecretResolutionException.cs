namespace PatchHound.Infrastructure.Secrets;

/// <summary>A secret reference could not be resolved. The message names the reference, never a secret.</summary>
public sealed class SecretResolutionException(string message) : Exception(message);
