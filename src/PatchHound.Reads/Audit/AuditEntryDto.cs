using System.Text.Json;
using PatchHound.Core.Audit;

namespace PatchHound.Reads.Audit;

internal sealed record AuditEntryDto(
    Guid Id,
    string Actor,
    string Action,
    string EntityType,
    string EntityId,
    JsonElement? Before,
    JsonElement? After,
    DateTimeOffset At,
    string? CorrelationId)
{
    public static AuditEntryDto From(AuditLogEntry e) =>
        new(e.Id, e.Actor, e.Action, e.EntityType, e.EntityId, Parse(e.Before), Parse(e.After), e.At, e.CorrelationId);

    private static JsonElement? Parse(string? json)
    {
        if (json is null)
        {
            return null;
        }

        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
