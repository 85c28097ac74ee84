using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PatchHound.Core.Identity;
using PatchHound.Infrastructure.Persistence;

namespace PatchHound.Api.ApiKeys;

/// <summary>
/// Keeps <c>lastUsedAt</c> current without a write per request: at most one conditional UPDATE per key and
/// <see cref="ApiKeyOptions.LastUsedWriteInterval"/>, whichever replica serves the request.
/// </summary>
internal sealed class ApiKeyUseRecorder(IOptions<ApiKeyOptions> options)
{
    public async Task RecordAsync(PatchHoundDbContext db, ApiKey key, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var stale = now - options.Value.LastUsedWriteInterval;
        if (key.LastUsedAt is { } last && last > stale)
        {
            return;
        }

        // The condition is repeated in SQL: of concurrent requests on several replicas, one writes.
        await db.ApiKeys
            .Where(k => k.TenantId == key.TenantId && k.Id == key.Id && (k.LastUsedAt == null || k.LastUsedAt <= stale))
            .ExecuteUpdateAsync(set => set.SetProperty(k => k.LastUsedAt, now), cancellationToken);
    }
}
