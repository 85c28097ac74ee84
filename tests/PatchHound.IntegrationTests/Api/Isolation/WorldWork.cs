using System.Net.Http.Json;
using System.Text.Json;

namespace PatchHound.IntegrationTests.Api.Isolation;

/// <summary>
/// Creates a tenant's remediation work through the API, as its users would: a case with a comment, assigned (which
/// notifies the assignee), a granted risk acceptance, a pending approval, an API key; the audit log fills itself.
/// </summary>
internal sealed class WorldWork(WorldTenant world, HttpClient admin, HttpClient analyst)
{
    public async Task SeedAsync(DateTimeOffset now)
    {
        var caseId = await CreateAsync(analyst, "/cases", new { title = "Patch Edge", vulnerabilityId = world["cve"] });
        world.Resources["case"] = caseId;
        world.Resources["comment"] = await CreateAsync(analyst, $"/cases/{caseId}/comments", new { body = "On it." });
        await SendAsync(admin, HttpMethod.Put, $"/cases/{caseId}/assignee", new { assigneeUserId = world["analystUser"] });

        var granted = await CreateAsync(analyst, "/approvals", new { kind = "RiskAcceptance", findingId = world["finding"], justification = "Compensating control." });
        await SendAsync(admin, HttpMethod.Post, $"/approvals/{granted}/approve", new { comment = "Granted.", acceptedUntil = now.AddDays(30) });
        using var approval = await GetAsync(admin, $"/approvals/{granted}");
        world.Resources["riskAcceptance"] = approval.RootElement.GetProperty("riskAcceptanceId").GetString()!;
        world.Resources["approval"] = await CreateAsync(analyst, "/approvals", new { kind = "Exception", vulnerabilityId = world["cve"], justification = "Vendor fix pending." });

        world.Resources["apiKey"] = await CreateAsync(admin, "/api-keys", new { name = "ci", scopes = new[] { "read" }, expiresInDays = 30 });
        world.Resources["notification"] = await FirstIdAsync(analyst, "/notifications");
        world.Resources["auditEntry"] = await FirstIdAsync(admin, "/audit-log");
    }

    private string Url(string path) => $"/api/tenants/{world.Slug}{path}";

    private async Task<string> CreateAsync(HttpClient client, string path, object body)
    {
        using var created = await SendAsync(client, HttpMethod.Post, path, body);
        return IdOf(created.RootElement);
    }

    private async Task<JsonDocument> SendAsync(HttpClient client, HttpMethod method, string path, object body)
    {
        using var request = new HttpRequestMessage(method, Url(path)) { Content = JsonContent.Create(body) };
        var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        response.IsSuccessStatusCode.Should().BeTrue($"seeding {method} {path} in {world.Slug}: {text}");
        return JsonDocument.Parse(text);
    }

    private async Task<JsonDocument> GetAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(Url(path));
        var text = await response.Content.ReadAsStringAsync();
        response.IsSuccessStatusCode.Should().BeTrue($"seeding GET {path} in {world.Slug}: {text}");
        return JsonDocument.Parse(text);
    }

    private async Task<string> FirstIdAsync(HttpClient client, string path)
    {
        using var page = await GetAsync(client, path);
        var items = page.RootElement.GetProperty("items");
        items.GetArrayLength().Should().BeGreaterThan(0, $"{path} of {world.Slug} has something to point at");
        return IdOf(items[0]);
    }

    /// <summary>The <c>id</c> of a DTO, or of the one object it wraps (<c>{ "case": { "id": … } }</c>).</summary>
    private static string IdOf(JsonElement element) =>
        element.TryGetProperty("id", out var id)
            ? id.GetString()!
            : IdOf(element.EnumerateObject().First(p => p.Value.ValueKind == JsonValueKind.Object && p.Value.TryGetProperty("id", out _)).Value);
}
