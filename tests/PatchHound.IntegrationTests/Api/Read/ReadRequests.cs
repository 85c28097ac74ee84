using System.Net;
using System.Text.Json;

namespace PatchHound.IntegrationTests.Api.Read;

/// <summary>GETs of the read API that must succeed, and walks through every page of a list.</summary>
public static class ReadRequests
{
    public static async Task<T> GetOkAsync<T>(this HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, $"GET {url} answered {body}");
        return JsonSerializer.Deserialize<T>(body, JsonSerializerOptions.Web)!;
    }

    /// <summary>Every item of the list, following nextCursor to the end; the url already has its query (or "?").</summary>
    public static async Task<List<T>> AllPagesAsync<T>(this HttpClient client, string url, int limit)
    {
        var items = new List<T>();
        string? cursor = null;
        for (var pages = 0; ; pages++)
        {
            pages.Should().BeLessThan(10_000, "paging must end");
            var page = await client.GetOkAsync<TestPage<T>>(
                $"{url}&limit={limit}" + (cursor is null ? string.Empty : $"&cursor={Uri.EscapeDataString(cursor)}"));
            page.Items.Count.Should().BeLessThanOrEqualTo(limit);
            items.AddRange(page.Items);
            if (page.NextCursor is null)
            {
                return items;
            }

            page.Items.Should().HaveCount(limit, "only the last page may be short");
            cursor = page.NextCursor;
        }
    }

    public static async Task<JsonElement> GetProblemAsync(this HttpClient client, string url, HttpStatusCode status)
    {
        using var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(status, $"GET {url} answered {body}");
        response.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json");
        return JsonDocument.Parse(body).RootElement.Clone();
    }
}
