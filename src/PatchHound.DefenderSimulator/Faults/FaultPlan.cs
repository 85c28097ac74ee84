using System.Text.Json;

namespace PatchHound.DefenderSimulator.Faults;

/// <summary>The faults that fired for one request: a delay, at most one replacement response, and body corruptions.</summary>
public sealed record FaultPlan(int LatencyMs, FaultRule? Replacement, IReadOnlySet<FaultKind> Corruptions, int OversizeMegabytes)
{
    public static FaultPlan None { get; } = new(0, null, new HashSet<FaultKind>(), 0);

    public bool Has(FaultKind kind) => Corruptions.Contains(kind);

    /// <summary>A free-text value as the page carries it: with <see cref="FaultKind.NulInText"/>, NUL after its first character.</summary>
    public string? Text(string? value) => Has(FaultKind.NulInText) && value is { Length: > 0 } ? value.Insert(1, "\0") : value;

    /// <summary>With <see cref="FaultKind.ExtraColumns"/>, the row's temporary columns, before its documented fields.</summary>
    public void WriteExtraColumns(Utf8JsonWriter json)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (!Has(FaultKind.ExtraColumns))
        {
            return;
        }

        json.WriteString("tmpAssessmentSource"u8, "preview");
        json.WriteNumber("tmpConfidence"u8, 0.87);
        json.WriteBoolean("tmpIsPreview"u8, true);
        json.WriteNull("tmpReserved"u8);
        json.WriteStartArray("tmpEvidence"u8);
        json.WriteStringValue("registry");
        json.WriteNumberValue(2);
        json.WriteEndArray();
        json.WriteStartObject("tmpDetails"u8);
        json.WriteString("id"u8, "not-a-record-id");
        json.WriteString("cveId"u8, "CVE-1999-0001");
        json.WriteStartObject("deviceId"u8);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    public bool Any => LatencyMs > 0 || Replacement is not null || Corruptions.Count > 0;

    /// <summary>Faults that answer instead of the page (the first that fires wins).</summary>
    public static bool Replaces(FaultKind kind) => kind is FaultKind.TooManyRequests or FaultKind.ServerError
        or FaultKind.Unauthorized or FaultKind.Forbidden or FaultKind.HtmlErrorPage;
}
