using Microsoft.EntityFrameworkCore;
using Npgsql;
using PatchHound.Api.Audit;
using PatchHound.Core.Sla;
using PatchHound.Infrastructure.Persistence;
using PatchHound.Reads.Settings;

namespace PatchHound.Api.Sla;

/// <summary>Changes the entered tenant's SLA policy (the endpoint's and the settings page's one write path).</summary>
internal sealed class SlaPolicyCommands(PatchHoundDbContext db, AuditTrail audit)
{
    public const string EntityType = "sla_policy";

    /// <summary>The request has passed validation, so every field has a value.</summary>
    public async Task<SlaPolicyDto> ChangeAsync(SlaPolicyRequest request, CancellationToken cancellationToken)
    {
        // A tenant's first change inserts its row; when two first changes race, the loser retries as an update.
        for (var attempt = 1; ; attempt++)
        {
            var policy = await db.SlaPolicies.SingleOrDefaultAsync(cancellationToken);
            if (policy is null)
            {
                policy = new SlaPolicy(db.Tenant.RequireTenantId());
                db.SlaPolicies.Add(policy);
            }

            var before = SlaPolicyDto.From(policy);
            policy.Change(request.CriticalDays!.Value, request.HighDays!.Value, request.MediumDays!.Value, request.LowDays!.Value);
            var after = SlaPolicyDto.From(policy);
            audit.Record("sla_policy.changed", EntityType, policy.Id, before, after);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return after;
            }
            catch (DbUpdateException e) when (attempt == 1 && e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
            {
                db.ChangeTracker.Clear();
            }
        }
    }
}
