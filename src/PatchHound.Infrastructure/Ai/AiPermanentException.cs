namespace PatchHound.Infrastructure.Ai;

/// <summary>Asking again would not help (refused request, bad credentials, unreadable answer): the request fails.</summary>
public sealed class AiPermanentException(string message, Exception? innerException = null)
    : AiProviderException(message, innerException);
