namespace PatchHound.Infrastructure.Defender;

/// <summary>Bearer tokens for one source, cached until shortly before they expire.</summary>
public interface IDefenderTokenProvider
{
    /// <exception cref="SourceException">The token could not be obtained.</exception>
    ValueTask<string> GetTokenAsync(CancellationToken cancellationToken);
}
