using System.Text.Json;
using System.Text.Json.Serialization;

namespace PatchHound.Api.Work;

/// <summary>Notification payloads written by the API: camelCase, enums by name, as the sweeps write theirs.</summary>
internal static class WorkJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);
}
