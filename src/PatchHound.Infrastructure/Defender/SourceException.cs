namespace PatchHound.Infrastructure.Defender;

/// <summary>
/// A source could not be read. <see cref="Permanent"/> tells the ingestion job whether running again later can
/// help (throttling, an outage) or whether someone must act first (rejected credentials, a malformed payload).
/// </summary>
public abstract class SourceException : Exception
{
    protected SourceException(string message, bool permanent, Exception? innerException = null)
        : base(message, innerException)
    {
        Permanent = permanent;
    }

    public bool Permanent { get; }
}
