using System.Buffers.Text;
using System.Text.Json;

namespace PatchHound.Reads.Paging;

/// <summary>
/// An opaque keyset cursor: the sort key of the last row of a page, as base64url JSON. A cursor that does not decode
/// is a client error (<see cref="BadHttpRequestException"/> → 400), never a server error.
/// </summary>
internal static class Cursor
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string Encode<T>(T position) => Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(position, Json));

    public static T? Decode<T>(string? cursor)
        where T : class
    {
        if (string.IsNullOrEmpty(cursor))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<T>(Base64Url.DecodeFromChars(cursor), Json)
                ?? throw new BadHttpRequestException("The cursor is not valid.");
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            throw new BadHttpRequestException("The cursor is not valid; pass back a nextCursor exactly as received.");
        }
    }
}
