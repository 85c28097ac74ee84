using System.Net;
using Hangfire;
using Hangfire.States;
using PatchHound.IntegrationTests.Harness;
using PatchHound.IntegrationTests.Jobs;
using PatchHound.Jobs.Sweeps;

namespace PatchHound.IntegrationTests.Observability;

/// <summary>
/// Real API and worker processes with <c>Management:Port</c>: Prometheus text on the management listener, nothing
/// on the public one (docs/observability.md lists the names asserted here).
/// </summary>
public sealed class ManagementListenerTests
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };

    [Fact]
    public async Task The_worker_serves_job_and_queue_metrics_as_Prometheus_text_on_the_management_port_only()
    {
        await using var database = await TestDatabase.CreateMigratedAsync();
        var management = FreePort.Next();
        await using var worker = await HostProcess.StartAsync("worker", "PatchHound.Worker.dll",
            WorkerEnvironment.For(database, new Dictionary<string, string?> { ["Management__Port"] = management.ToString(System.Globalization.CultureInfo.InvariantCulture) }));
        var jobs = new TestJobStorage(database);
        var id = jobs.Client.Create<SlaCheckJob>(j => j.RunAsync(null, CancellationToken.None), new EnqueuedState(SlaCheckJob.Queue));
        (await jobs.WaitForStateAsync(id, SucceededState.StateName, TimeSpan.FromSeconds(60))).Should().Be(SucceededState.StateName, worker.Output);

        string text = "";
        await Eventually.HoldsAsync(async () =>
        {
            text = await ScrapeAsync(management);
            return text.Contains("job_type=\"SlaCheckJob\"", StringComparison.Ordinal);
        }, "the finished job is counted on the scrape");

        var names = MetricNames(text);
        names.Should().Contain(["patchhound_jobs_processed_total", "patchhound_jobs_duration_seconds", "patchhound_jobs_queue_wait_seconds",
            "patchhound_jobs_queue_depth", "patchhound_jobs_failed_count", "db_client_operation_duration_seconds",
            "http_server_request_duration_seconds", "process_cpu_time_seconds_total"], string.Join(Environment.NewLine, names));
        text.Should().MatchRegex("patchhound_jobs_queue_depth\\{[^}]*queue=\"ingestion\"[^}]*\\} 0", "queue depth is labelled by queue");
        text.Should().MatchRegex("patchhound_jobs_processed_total\\{[^}]*job_type=\"SlaCheckJob\"[^}]*outcome=\"succeeded\"[^}]*\\} 1");
        text.Should().NotMatchRegex("\\{[^}]*tenant[^}]*\\}", "metrics carry no tenant label");

        await AssertNotServedPubliclyAsync(worker.Port, management);
    }

    [Fact]
    public async Task The_api_serves_its_metrics_on_the_management_port_and_the_public_listener_does_not()
    {
        await using var database = await TestDatabase.CreateMigratedAsync();
        var management = FreePort.Next();
        await using var api = await HostProcess.StartAsync("api", "PatchHound.Api.dll", new Dictionary<string, string?>
        {
            ["ConnectionStrings__PatchHound"] = database.AppConnectionString(),
            ["Management__Port"] = management.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        (await Http.GetAsync(new Uri($"http://127.0.0.1:{api.Port}/health/ready"))).StatusCode.Should().Be(HttpStatusCode.OK, api.Output);
        (await Http.GetAsync(new Uri($"http://127.0.0.1:{api.Port}/api/tenants/acme/findings"))).StatusCode.Should().NotBe(HttpStatusCode.OK);

        string text = "";
        await Eventually.HoldsAsync(async () =>
        {
            text = await ScrapeAsync(management);
            return text.Contains("http_server_request_duration_seconds_count{", StringComparison.Ordinal);
        }, "the request is on the scrape");
        text.Should().MatchRegex("http_server_request_duration_seconds_count\\{[^}]*http_route=\"[^\"]*findings", text);
        MetricNames(text).Should().Contain(["http_server_request_duration_seconds", "db_client_operation_duration_seconds"]);

        await AssertNotServedPubliclyAsync(api.Port, management);
    }

    private static async Task AssertNotServedPubliclyAsync(int publicPort, int managementPort)
    {
        foreach (var host in new[] { $"127.0.0.1:{publicPort}", $"127.0.0.1:{managementPort}", "localhost" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"http://127.0.0.1:{publicPort}/metrics"));
            request.Headers.Host = host;
            using var response = await Http.SendAsync(request);
            response.StatusCode.Should().BeOneOf([HttpStatusCode.NotFound, HttpStatusCode.Unauthorized],
                $"the public listener does not serve /metrics, whatever the Host header ({host})");
            (await response.Content.ReadAsStringAsync()).Should().NotContain("# TYPE");
        }

        (await Http.GetAsync(new Uri($"http://127.0.0.1:{managementPort}/health/live"))).StatusCode
            .Should().Be(HttpStatusCode.NotFound, "the management listener serves /metrics only");
    }

    private static async Task<string> ScrapeAsync(int port)
    {
        using var response = await Http.GetAsync(new Uri($"http://127.0.0.1:{port}/metrics"));
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/plain");
        return await response.Content.ReadAsStringAsync();
    }

    private static List<string> MetricNames(string text) =>
        [.. text.Split('\n').Where(l => l.StartsWith("# TYPE ", StringComparison.Ordinal)).Select(l => l.Split(' ')[2]).Order()];
}
