using System.Text.Json;
using System.Text.Json.Serialization;

namespace PatchHound.Infrastructure.Sweeps;

/// <summary>JSON for notification payloads and audit snapshots: camelCase, enums by name.</summary>
internal static class SweepJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);
}
