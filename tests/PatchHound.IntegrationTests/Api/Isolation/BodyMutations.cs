using System.Text.Json;
using System.Text.Json.Nodes;

namespace PatchHound.IntegrationTests.Api.Isolation;

/// <summary>Broken variants of a valid JSON body: each must be refused with 400 and field errors.</summary>
public static class BodyMutations
{
    /// <summary>Longer than any field PatchHound accepts, still far below the 1 MiB body limit.</summary>
    public const int OversizedLength = 20_000;

    public static IEnumerable<(string Name, string Json)> Of(object validBody, IReadOnlyCollection<string> enumFields)
    {
        var body = JsonSerializer.SerializeToNode(validBody, JsonSerializerOptions.Web)!;
        var text = body.ToJsonString();
        yield return ("malformed JSON", text[..Math.Max(1, text.Length / 2)]);
        yield return ("an array instead of an object", "[]");
        foreach (var (path, value) in Leaves(body, string.Empty))
        {
            yield return ($"wrong type at {path}", Replace(body, path, WrongTypeFor(value)));
            if (value?.GetValueKind() == JsonValueKind.String)
            {
                yield return ($"oversized {path}", Replace(body, path, JsonValue.Create(new string('x', OversizedLength))));
                var valid = value.GetValue<string>();
                yield return ($"NUL in {path}", Escaped(body, path, valid, "\\u0000"));
                yield return ($"an unpaired surrogate in {path}", Escaped(body, path, valid, "\\ud800"));
            }
            else if (value?.GetValueKind() == JsonValueKind.Array && value.AsArray().FirstOrDefault()?.GetValueKind() == JsonValueKind.String)
            {
                yield return ($"NUL in an item of {path}", Replace(body, path, JsonValue.Create(new[] { "\0" })));
            }
        }

        foreach (var field in enumFields)
        {
            yield return ($"unknown enum value at {field}", Replace(body, field, JsonValue.Create("NoSuchValue")));
        }
    }

    private static IEnumerable<(string Path, JsonNode? Value)> Leaves(JsonNode node, string prefix)
    {
        if (node is not JsonObject obj)
        {
            yield break;
        }

        foreach (var (name, value) in obj)
        {
            var path = prefix.Length == 0 ? name : $"{prefix}.{name}";
            if (value is JsonObject)
            {
                foreach (var leaf in Leaves(value, path))
                {
                    yield return leaf;
                }
            }
            else
            {
                yield return (path, value);
            }
        }
    }

    private static JsonNode WrongTypeFor(JsonNode? value) => value?.GetValueKind() switch
    {
        JsonValueKind.String => JsonValue.Create(12345),
        JsonValueKind.Array => JsonValue.Create(true),
        _ => new JsonObject { ["unexpected"] = "object" },
    };

    /// <summary>The body with a JSON escape sequence (written as is, not re-encoded) inside the string at <paramref name="path"/>.</summary>
    private static string Escaped(JsonNode body, string path, string text, string escape)
    {
        const string Marker = "__escape__";
        return Replace(body, path, JsonValue.Create(text + Marker)).Replace(Marker, escape, StringComparison.Ordinal);
    }

    private static string Replace(JsonNode body, string path, JsonNode? replacement)
    {
        var copy = body.DeepClone();
        var parts = path.Split('.');
        var parent = parts[..^1].Aggregate(copy, (node, part) => node[part]!);
        parent[parts[^1]] = replacement;
        return copy.ToJsonString();
    }
}
