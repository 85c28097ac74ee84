using System.Buffers.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace PatchHound.DefenderSimulator.Paging;

/// <summary>
/// The opaque <c>$skiptoken</c> of a next-page link: base64url of a small JSON object (like Defender's own), holding
/// the endpoint, the tenant's fingerprint, the generation the run started in (so a run sees one snapshot even if the
/// tenant advances meanwhile), the offset of the next row and that page's number.
/// </summary>
public sealed record SkipToken(
    [property: JsonPropertyName("e")] string Endpoint,
    [property: JsonPropertyName("t")] string Tenant,
    [property: JsonPropertyName("g")] int Generation,
    [property: JsonPropertyName("o")] long Offset,
    [property: JsonPropertyName("p")] int Page)
{
    public string Encode() => Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(this));

    public static SkipToken? TryDecode(string text)
    {
        try
        {
            var token = JsonSerializer.Deserialize<SkipToken>(Base64Url.DecodeFromChars(text));
            return token is { Endpoint: not null, Tenant: not null, Offset: >= 0, Page: >= 1, Generation: >= 0 } ? token : null;
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return null;
        }
    }
}
