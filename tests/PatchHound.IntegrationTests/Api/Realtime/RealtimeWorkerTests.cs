using System.Globalization;
using System.Text.Json;
using PatchHound.Infrastructure.Realtime;
using PatchHound.IntegrationTests.Harness;
using PatchHound.IntegrationTests.Hosting;
using PatchHound.IntegrationTests.Ingestion;

namespace PatchHound.IntegrationTests.Api.Realtime;

/// <summary>The worker is a separate process with no hub of its own: it publishes through the backplane alone.</summary>
public sealed class RealtimeWorkerTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task Progress_and_completion_of_a_run_in_a_worker_process_reach_an_admin_connected_to_an_api_instance()
    {
        var redis = await RedisServer.Instance;
        var prefix = $"patchhound-test-{Guid.NewGuid():N}";
        await using var env = await IngestionRunEnvironment.StartAsync(fixture.Database, new Dictionary<string, string?>
        {
            ["Simulator:DefaultTenant:Devices"] = "60",
            ["Simulator:DefaultTenant:FindingsPerDevice"] = "4",
        });
        var tenant = await env.AddTenantAsync("realtime-worker", pageSize: 50);
        await using var api = new ApiHostFactory(new Dictionary<string, string?>
        {
            ["ConnectionStrings:PatchHound"] = fixture.Database.AppConnectionString(),
            ["ConnectionStrings:Redis"] = redis.ConnectionString,
            ["Realtime:ChannelPrefix"] = prefix,
            ["Authentication:DevSignInEnabled"] = "true",
        });
        await using var admin = await HubClient.ConnectAsync(api, $"admin@{tenant.Slug}.test");
        await env.StartWorkerAsync("worker", new Dictionary<string, string?>
        {
            ["ConnectionStrings__Redis"] = redis.ConnectionString,
            ["Realtime__ChannelPrefix"] = prefix,
        });
        var onThisApi = tenant with { Admin = admin.Http };

        var runId = await onThisApi.TriggerAcceptedAsync();
        var finished = await admin.WaitForAsync(RealtimeEventNames.IngestionRun,
            e => e.HasId(runId) && e.GetProperty("status").GetString() == "Succeeded", RunTimeout + TimeSpan.FromSeconds(30));

        var run = await onThisApi.RunAsync(runId);
        run.GetProperty("status").GetString().Should().Be("Succeeded", env.WorkerOutput);
        foreach (var field in new[] { "pagesDone", "recordsDone", "devicesSeen", "findingsSeen", "findingsNew", "attempts" })
        {
            finished.GetProperty(field).GetInt64().Should().Be(run.GetProperty(field).GetInt64(), $"the last event shows the stored {field}");
        }

        var progress = admin.Events()
            .Where(e => e.Name == RealtimeEventNames.IngestionRun && e.Payload.HasId(runId))
            .Select(e => e.Payload)
            .Where(e => e.GetProperty("status").GetString() == "Running")
            .ToList();
        var pages = progress.Select(e => e.GetProperty("pagesDone").GetInt32()).Distinct().ToList();
        pages.Should().HaveCountGreaterThan(2, $"each committed batch is pushed; got {Describe(progress)}");
        pages.Should().BeInAscendingOrder();
        progress.Select(e => e.GetProperty("phase").ValueKind == JsonValueKind.String ? e.GetProperty("phase").GetString() : null)
            .Should().Contain(["findings", "merge"]);
    }

    private static string Describe(IEnumerable<JsonElement> events) =>
        string.Join("; ", events.Select(e => string.Create(CultureInfo.InvariantCulture,
            $"{e.GetProperty("status").GetString()} {e.GetProperty("phase")} {e.GetProperty("pagesDone").GetInt32()}")));
}
