using System.Globalization;
using System.Text.Json;

namespace PatchHound.Web.Components;

/// <summary>A notification in words, from its kind and the fields its payload usually has (live.js says the same in toasts).</summary>
public static class NotificationText
{
    public static string Kind(string kind) => kind switch
    {
        "SlaDueSoon" => "SLA due soon",
        "SlaBreached" => "SLA breached",
        "ApprovalExpired" => "Approval expired",
        "ApprovalDecided" => "Approval decided",
        "CaseAssigned" => "Case assigned",
        "CaseEscalated" => "Case escalated",
        "IngestionCompleted" => "Ingestion completed",
        "IngestionFailed" => "Ingestion failed",
        _ => kind,
    };

    public static string Summary(JsonElement payload)
    {
        if (payload.ValueKind != JsonValueKind.Object)
        {
            return string.Empty;
        }

        var parts = new[] { Text(payload, "title"), Text(payload, "vulnerabilityId") }.Where(p => !string.IsNullOrEmpty(p));
        var summary = string.Join(" · ", parts);
        if (payload.TryGetProperty("findingCount", out var count) && count.ValueKind == JsonValueKind.Number)
        {
            summary += $" ({count.GetInt32().ToString(CultureInfo.InvariantCulture)} findings)";
        }

        return summary;
    }

    private static string? Text(JsonElement payload, string name) =>
        payload.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
