using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace PatchHound.IntegrationTests.Api.Work;

internal static class WorkHttp
{
    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>();

    /// <summary>Sends the body exactly as written, for bodies a serializer would never produce.</summary>
    public static Task<HttpResponseMessage> SendRawAsync(this HttpClient client, HttpMethod method, string url, string body) =>
        client.SendAsync(new HttpRequestMessage(method, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") });

    public static Task<HttpResponseMessage> SendJsonAsync(this HttpClient client, HttpMethod method, string url, object? body, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body) };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return client.SendAsync(request);
    }

    /// <summary>
    /// 400 ValidationProblem naming the field. Case-insensitive: the framework's DataAnnotations validation names the
    /// C# property (<c>Title</c>), the body reader and the endpoints name the JSON path (<c>title</c>).
    /// </summary>
    public static async Task ShouldBeFieldErrorAsync(this HttpResponseMessage response, string field)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest, text);
        var errors = JsonDocument.Parse(text).RootElement.GetProperty("errors");
        errors.EnumerateObject().Select(e => e.Name).Should()
            .Contain(name => string.Equals(name, field, StringComparison.OrdinalIgnoreCase), $"the errors name {field}: {text}");
    }

    public static async Task ShouldBeAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(status, text);
        if ((int)status >= 400)
        {
            response.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json", text);
        }
    }
}
