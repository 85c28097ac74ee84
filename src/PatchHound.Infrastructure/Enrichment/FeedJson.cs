using System.Text.Json;

namespace PatchHound.Infrastructure.Enrichment;

internal static class FeedJson
{
    /// <summary>camelCase, case-insensitive names, as the KEV and NVD documents use.</summary>
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
}
