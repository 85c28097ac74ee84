using Azure.Core;

namespace PatchHound.Infrastructure.Defender;

/// <summary>
/// Keeps one token until <c>refreshMargin</c> before it expires (or half its lifetime, if shorter). Lock-free:
/// two pages racing for an expired token may both fetch one, which is harmless.
/// </summary>
internal sealed class AccessTokenCache(TimeProvider time, TimeSpan refreshMargin)
{
    private CachedToken? current;

    public async ValueTask<string> GetAsync(
        Func<CancellationToken, Task<AccessToken>> fetch, CancellationToken cancellationToken)
    {
        var cached = Volatile.Read(ref current);
        var now = time.GetUtcNow();
        if (cached is not null && now < cached.RefreshAt)
        {
            return cached.Token;
        }

        var fresh = await fetch(cancellationToken);
        var lifetime = fresh.ExpiresOn - now;
        var margin = lifetime / 2 < refreshMargin ? lifetime / 2 : refreshMargin;
        Volatile.Write(ref current, new CachedToken(fresh.Token, fresh.ExpiresOn - margin));
        return fresh.Token;
    }

    private sealed class CachedToken(string token, DateTimeOffset refreshAt)
    {
        public string Token { get; } = token;

        public DateTimeOffset RefreshAt { get; } = refreshAt;

        // Never let a token reach a log through ToString.
        public override string ToString() => $"token refreshed at {RefreshAt:O}";
    }
}
