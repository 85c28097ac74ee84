using System.Diagnostics;
using System.Text.Json;
using PatchHound.Api.Auth;
using PatchHound.Core.Audit;
using PatchHound.Infrastructure.Persistence;

namespace PatchHound.Api.Audit;

/// <summary>
/// Adds an audit entry for a state change to the request's DbContext, so it is saved in the same transaction as
/// the change itself: no change without its entry, no entry without its change.
/// </summary>
internal sealed class AuditTrail(PatchHoundDbContext db, CurrentCaller caller, TimeProvider clock, IHttpContextAccessor http)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <param name="action"><c>entity.verb</c>, e.g. <c>case.assigned</c>.</param>
    /// <param name="entityType">What changed, e.g. <c>remediation_case</c>.</param>
    /// <param name="entityId">The changed entity's id.</param>
    /// <param name="before">A snapshot before the change (never a secret); null for a creation.</param>
    /// <param name="after">A snapshot after the change (never a secret); null for a deletion.</param>
    public void Record(string action, string entityType, object entityId, object? before, object? after) =>
        db.AuditLogEntries.Add(new AuditLogEntry(
            db.Tenant.RequireTenantId(),
            caller.Actor,
            action,
            entityType,
            entityId.ToString()!,
            before is null ? null : JsonSerializer.Serialize(before, Json),
            after is null ? null : JsonSerializer.Serialize(after, Json),
            clock.GetUtcNow(),
            Activity.Current?.TraceId.ToString() ?? http.HttpContext?.TraceIdentifier));
}
