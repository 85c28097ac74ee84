using System.Text.Json;

namespace PatchHound.IntegrationTests.Simulator;

/// <summary>One parsed page of a Defender list response.</summary>
public sealed record ODataPage(string Context, IReadOnlyList<JsonElement> Rows, string? NextLink)
{
    public static async Task<ODataPage> GetAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(new Uri(url, UriKind.RelativeOrAbsolute));
        var body = await response.Content.ReadAsStringAsync();
        response.IsSuccessStatusCode.Should().BeTrue($"GET {url} answered {(int)response.StatusCode}: {body}");
        var root = JsonDocument.Parse(body).RootElement;
        return new ODataPage(
            root.GetProperty("@odata.context").GetString()!,
            [.. root.GetProperty("value").EnumerateArray()],
            root.TryGetProperty("@odata.nextLink", out var next) ? next.GetString() : null);
    }

    /// <summary>Follows next links from <paramref name="firstUrl"/> to the end; returns the pages in order.</summary>
    public static async Task<IReadOnlyList<ODataPage>> GetAllAsync(HttpClient client, string firstUrl, int maxPages = 1000)
    {
        var pages = new List<ODataPage>();
        for (string? url = firstUrl; url is not null; url = pages[^1].NextLink)
        {
            pages.Count.Should().BeLessThan(maxPages, "paging must end");
            pages.Add(await GetAsync(client, url));
        }

        return pages;
    }

    public static IReadOnlyList<JsonElement> RowsOf(IEnumerable<ODataPage> pages) => [.. pages.SelectMany(p => p.Rows)];
}
