using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace PatchHound.IntegrationTests.Ingestion;

/// <summary>A tenant of <see cref="IngestionRunEnvironment"/> and its signed-in admin's client.</summary>
public sealed record IngestionTenant(Guid TenantId, string Slug, Guid SourceId, HttpClient Admin)
{
    public string RunsPath => $"/api/tenants/{Slug}/sources/{SourceId}/runs";

    public async Task<HttpResponseMessage> TriggerAsync() => await Admin.PostAsync(RunsPath, null);

    public async Task<JsonElement> RunAsync(Guid runId) => await Admin.GetFromJsonAsync<JsonElement>($"{RunsPath}/{runId}");

    /// <summary>Polls the run until it reaches a final status (or the timeout) and returns its last state.</summary>
    public async Task<JsonElement> WaitForFinishAsync(Guid runId, TimeSpan timeout, Func<JsonElement, bool>? until = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        var run = await RunAsync(runId);
        while (DateTime.UtcNow < deadline && !(until ?? IsFinished)(run))
        {
            await Task.Delay(250);
            run = await RunAsync(runId);
        }

        return run;
    }

    public async Task<Guid> TriggerAcceptedAsync()
    {
        var response = await TriggerAsync();
        response.StatusCode.Should().Be(HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    public static bool IsFinished(JsonElement run) =>
        run.GetProperty("status").GetString() is "Succeeded" or "DeadLettered" or "Cancelled";
}
