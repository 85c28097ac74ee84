using Microsoft.EntityFrameworkCore;
using PatchHound.Core.Approvals;
using PatchHound.Core.Findings;
using PatchHound.Infrastructure.Persistence;

namespace PatchHound.Api.Approvals;

/// <summary>
/// Puts the open findings an acceptance covers into RiskAccepted, in one statement (a vulnerability can cover
/// thousands). The approval-expiry sweep reopens them once no acceptance covering them is active.
/// </summary>
internal static class RiskAcceptedFindings
{
    private const string Open = nameof(FindingStatus.Open);
    private const string RiskAccepted = nameof(FindingStatus.RiskAccepted);

    /// <returns>The ids of the findings that changed.</returns>
    public static async Task<List<Guid>> MarkAsync(PatchHoundDbContext db, RiskAcceptance acceptance, CancellationToken cancellationToken) =>
        await db.Database.SqlQuery<Guid>(
            $"""
            UPDATE findings SET status = {RiskAccepted}
            WHERE tenant_id = {acceptance.TenantId} AND status = {Open}
              AND (id = {acceptance.FindingId} OR vulnerability_id = {acceptance.VulnerabilityId} OR device_id = {acceptance.DeviceId})
            RETURNING id AS "Value"
            """)
            .ToListAsync(cancellationToken);
}
