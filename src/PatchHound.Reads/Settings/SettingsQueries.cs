using Microsoft.EntityFrameworkCore;
using PatchHound.Core.Sla;
using PatchHound.Infrastructure.Persistence;
using PatchHound.Reads.Paging;

namespace PatchHound.Reads.Settings;

/// <summary>The entered tenant's settings as its endpoints and the settings pages read them: SLA policy, API keys, members.</summary>
internal sealed class SettingsQueries(PatchHoundDbContext db, TimeProvider clock)
{
    /// <summary>A tenant without a policy row has the defaults.</summary>
    public async Task<SlaPolicyDto> SlaPolicyAsync(CancellationToken cancellationToken)
    {
        var policy = await db.SlaPolicies.AsNoTracking().SingleOrDefaultAsync(cancellationToken)
            ?? new SlaPolicy(db.Tenant.RequireTenantId());
        return SlaPolicyDto.From(policy);
    }

    /// <summary>Newest first; never a secret nor a hash.</summary>
    public async Task<Page<ApiKeyDto>> ApiKeysAsync(ApiKeyCursor? after, int take, CancellationToken cancellationToken)
    {
        var query = db.ApiKeys.AsNoTracking();
        if (after is not null)
        {
            query = query.Where(k => EF.Functions.LessThan(ValueTuple.Create(k.CreatedAt, k.Id), ValueTuple.Create(after.CreatedAt, after.Id)));
        }

        var keys = await query.OrderByDescending(k => k.CreatedAt).ThenByDescending(k => k.Id).Take(take + 1).ToListAsync(cancellationToken);
        var page = keys.Take(take).ToList();
        var next = keys.Count > take ? Cursor.Encode(new ApiKeyCursor(page[^1].CreatedAt, page[^1].Id)) : null;
        var now = clock.GetUtcNow();
        return new Page<ApiKeyDto>(page.Select(k => ApiKeyDto.From(k, now)).ToList(), next);
    }

    public async Task<ApiKeyDto?> ApiKeyAsync(Guid id, CancellationToken cancellationToken)
    {
        var key = await db.ApiKeys.AsNoTracking().SingleOrDefaultAsync(k => k.Id == id, cancellationToken);
        return key is null ? null : ApiKeyDto.From(key, clock.GetUtcNow());
    }

    /// <summary>The tenant's members by e-mail.</summary>
    public async Task<Page<MembershipDto>> MembersAsync(MembershipCursor? after, int take, CancellationToken cancellationToken)
    {
        var query = from m in db.TenantMemberships.AsNoTracking()
                    join u in db.Users.AsNoTracking() on m.UserId equals u.Id
                    select new { u.Id, u.Email, u.DisplayName, m.Role };
        if (after is not null)
        {
            query = query.Where(m => string.Compare(m.Email, after.Email) > 0);
        }

        var rows = await query.OrderBy(m => m.Email).Take(take + 1).ToListAsync(cancellationToken);
        var items = rows.Take(take).Select(m => new MembershipDto(m.Id, m.Email, m.DisplayName, m.Role)).ToList();
        var next = rows.Count > take ? Cursor.Encode(new MembershipCursor(items[^1].Email)) : null;
        return new Page<MembershipDto>(items, next);
    }
}
