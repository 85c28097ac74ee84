using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace PatchHound.IntegrationTests.Api.Config;

/// <summary>Assertions on API answers: status, ProblemDetails, field errors.</summary>
internal static class ApiResponses
{
    public static async Task<JsonElement> ShouldBeAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(status, body);
        return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>A ProblemDetails body with this status.</summary>
    public static async Task<JsonElement> ShouldBeProblemAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        var problem = await response.ShouldBeAsync(status);
        response.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json");
        problem.GetProperty("status").GetInt32().Should().Be((int)status);
        return problem;
    }

    /// <summary>400 with a field error for <paramref name="field"/> (matched case-insensitively, as a path prefix).</summary>
    public static async Task ShouldHaveFieldErrorAsync(this HttpResponseMessage response, string field)
    {
        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem.TryGetProperty("errors", out var errors).Should().BeTrue(problem.ToString());
        errors.EnumerateObject().Select(e => e.Name).Should()
            .Contain(name => name.StartsWith(field, StringComparison.OrdinalIgnoreCase), problem.ToString());
    }

    public static StringContent Json(string raw) => new(raw, Encoding.UTF8, "application/json");

    public static Task<HttpResponseMessage> PostRawAsync(this HttpClient client, string path, string raw) => client.PostAsync(path, Json(raw));

    public static Task<HttpResponseMessage> PutRawAsync(this HttpClient client, string path, string raw) => client.PutAsync(path, Json(raw));

    public static async Task<JsonElement> ReadJsonAsync(this HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>();
}
