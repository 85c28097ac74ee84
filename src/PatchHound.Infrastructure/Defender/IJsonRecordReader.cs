using System.Text.Json;

namespace PatchHound.Infrastructure.Defender;

/// <summary>Reads one record of a page's <c>value</c> array.</summary>
internal interface IJsonRecordReader<out T>
{
    /// <summary>
    /// Called with the reader on the record's first token; the record is complete in the buffer. Leaves the
    /// reader on the record's last token.
    /// </summary>
    T Read(ref Utf8JsonReader reader, RecordLocation location);
}
