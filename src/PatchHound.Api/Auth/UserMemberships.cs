using Microsoft.EntityFrameworkCore;
using PatchHound.Core.Identity;
using PatchHound.Infrastructure.Persistence;
using PatchHound.Infrastructure.Tenancy;

namespace PatchHound.Api.Auth;

/// <summary>
/// A user's memberships in every tenant. They span tenants, so they are read under an audited platform scope: once
/// per explicit sign-in, and otherwise only when the replica's <see cref="IdentityCache"/> has no current copy.
/// </summary>
internal sealed class UserMemberships(PatchHoundDbContext db, PlatformAccess platform, IdentityCache cache)
{
    public async Task<IReadOnlyList<Membership>> ReadAsync(Guid userId, bool fresh, CancellationToken cancellationToken)
    {
        var key = userId.ToString();
        var memberships = fresh
            ? await cache.Memberships.ReloadAsync(key, ct => LoadAsync(userId, ct), cancellationToken)
            : await cache.Memberships.GetOrLoadAsync(key, ct => LoadAsync(userId, ct), cancellationToken);
        return memberships ?? [];
    }

    private async Task<IReadOnlyList<Membership>?> LoadAsync(Guid userId, CancellationToken cancellationToken)
    {
        await using (await platform.BeginAsync($"user:{userId}", "sign-in: reading the user's memberships", cancellationToken))
        {
            return await db.TenantMemberships.AsNoTracking()
                .Where(m => m.UserId == userId)
                .Select(m => new Membership(m.TenantId, m.Role))
                .ToListAsync(cancellationToken);
        }
    }

    internal sealed record Membership(Guid TenantId, TenantRole Role);
}
