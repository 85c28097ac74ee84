using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PatchHound.Core.Audit;
using PatchHound.Core.Identity;
using PatchHound.Core.Sla;
using PatchHound.Core.Sources;
using PatchHound.Core.Tenancy;
using PatchHound.Infrastructure.Persistence;

namespace PatchHound.Infrastructure.Demo;

/// <summary>
/// Seeds the demo tenant, its users and its simulated Defender source. Idempotent: running it again
/// changes nothing. It writes through the application role, so it passes both isolation walls like any request.
/// </summary>
public sealed class DemoSeeder(PatchHoundDbContext db, IOptions<DemoOptions> options, TimeProvider clock, ILogger<DemoSeeder> logger)
{
    public async Task<Tenant> SeedAsync(CancellationToken cancellationToken)
    {
        var demo = options.Value;
        var now = clock.GetUtcNow();
        var tenant = await db.Tenants.SingleOrDefaultAsync(t => t.Slug == demo.TenantSlug, cancellationToken);
        if (tenant is null)
        {
            tenant = new Tenant(demo.TenantSlug, demo.TenantName, TenantEdition.Enterprise, now);
            db.Tenants.Add(tenant);
            await db.SaveChangesAsync(cancellationToken);
            logger.LogInformation("Created demo tenant {Tenant}", tenant.Slug);
        }

        db.Tenant.Enter(tenant.Id);
        await EnsureUserAsync(tenant, DemoUsers.Operator, role: null, now, cancellationToken);
        await EnsureUserAsync(tenant, DemoUsers.Admin, TenantRole.TenantAdmin, now, cancellationToken);
        await EnsureUserAsync(tenant, DemoUsers.Analyst, TenantRole.Analyst, now, cancellationToken);
        await EnsureUserAsync(tenant, DemoUsers.Auditor, TenantRole.Auditor, now, cancellationToken);

        if (!await db.SlaPolicies.AnyAsync(cancellationToken))
        {
            db.SlaPolicies.Add(new SlaPolicy(tenant.Id));
        }

        if (!await db.SourceConfigurations.AnyAsync(s => s.Name == demo.SourceName, cancellationToken))
        {
            var source = new SourceConfiguration(
                tenant.Id, SourceKind.Simulator, demo.SourceName, demo.SourceCron, demo.SimulatorUrl, demo.CredentialReference, now);
            db.SourceConfigurations.Add(source);
            db.AuditLogEntries.Add(new AuditLogEntry(
                tenant.Id, "system:demo-seeder", "source.created", nameof(SourceConfiguration), source.Id.ToString(),
                before: null, after: null, now, correlationId: null));
        }

        await db.SaveChangesAsync(cancellationToken);
        return tenant;
    }

    private async Task EnsureUserAsync(
        Tenant tenant, (string Email, string Name) person, TenantRole? role, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var email = User.NormalizeEmail(person.Email);
        var user = await db.Users.SingleOrDefaultAsync(u => u.Email == email, cancellationToken);
        if (user is null)
        {
            user = new User(email, person.Name, now);
            if (role is null)
            {
                user.GrantPlatformOperator();
            }

            db.Users.Add(user);
        }

        if (role is { } tenantRole && !await db.TenantMemberships.AnyAsync(m => m.UserId == user.Id, cancellationToken))
        {
            db.TenantMemberships.Add(new TenantMembership(tenant.Id, user.Id, tenantRole));
        }
    }
}
