namespace PatchHound.Infrastructure.Ai;

/// <summary>The provider may answer later (rate limit, server error, timeout, network): the request is retried.</summary>
public sealed class AiTransientException(string message, Exception? innerException = null)
    : AiProviderException(message, innerException);
