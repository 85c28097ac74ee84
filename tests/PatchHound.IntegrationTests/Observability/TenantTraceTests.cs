using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Npgsql;
using PatchHound.IntegrationTests.Harness;
using PatchHound.IntegrationTests.Ingestion;
using PatchHound.IntegrationTests.Observability.Otlp;
using PatchHound.IntegrationTests.Simulator;
using PatchHound.ServiceDefaults;

namespace PatchHound.IntegrationTests.Observability;

/// <summary>
/// The real API host and worker processes export to an in-process OTLP receiver; the tests decode what arrives
/// (Observability/Otlp/*.proto) and look for tenant context, one trace per ingestion run, job failures and secrets.
/// </summary>
public sealed class TenantTraceTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task A_findings_request_in_one_tenant_is_a_server_span_with_its_tenant_and_edition_whose_statements_carry_it_too()
    {
        await using var collector = await OtlpReceiver.StartAsync();
        await using var env = await TracedEnvironment.StartAsync(fixture.Database, collector, devices: 5);
        var x = await env.AddTenantAsync("trace-x", pageSize: 50);
        var y = await env.AddTenantAsync("trace-y", pageSize: 50);

        (await x.Admin.GetAsync($"/api/tenants/{x.Slug}/findings")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await y.Admin.GetAsync($"/api/tenants/{y.Slug}/findings")).StatusCode.Should().Be(HttpStatusCode.OK);

        ExportedSpan? request = null;
        await Eventually.HoldsAsync(() =>
        {
            request = collector.Spans().FirstOrDefault(s => s.Kind == SpanKind.Server && s["url.path"] == $"/api/tenants/{x.Slug}/findings");
            return request is not null && collector.Spans().Any(s => s.ParentSpanId == request.SpanId);
        }, "the findings request of tenant X and its children are exported");

        request!.Service.Should().Be("patchhound-api");
        request.Name.Should().Be("api.findings.list", "server spans are named from the endpoint's name");
        request[TenantTelemetry.TenantIdAttribute].Should().Be(x.TenantId.ToString());
        request[TenantTelemetry.TenantEditionAttribute].Should().Be("Enterprise");
        request[TenantTelemetry.EndUserIdAttribute].Should().NotBeNullOrEmpty();
        var trace = collector.Spans().Where(s => s.TraceId == request.TraceId).ToList();
        var statements = trace.Where(s => s.Kind == SpanKind.Client && s.ParentSpanId == request.SpanId
            && (s["db.system.name"] is "postgresql" || s["db.system"] is "postgresql")).ToList();
        statements.Should().NotBeEmpty(string.Join(Environment.NewLine, trace));
        statements.Where(s => s[TenantTelemetry.TenantIdAttribute] is not null).Should().NotBeEmpty("statements after the tenant lookup carry it");
        statements.Where(s => s[TenantTelemetry.TenantIdAttribute] is not null)
            .Should().OnlyContain(s => s[TenantTelemetry.TenantIdAttribute] == x.TenantId.ToString());
        trace.Should().NotContain(s => s.Attributes.Values.Any(v => v.Contains(y.TenantId.ToString(), StringComparison.Ordinal)),
            "no span of tenant X's request names tenant Y");
        trace.Should().NotContain(s => s.Attributes.Values.Any(v => v.Contains("hangfire.", StringComparison.OrdinalIgnoreCase)),
            "Hangfire's own statements are filtered out");
    }

    [Fact]
    public async Task A_manual_run_across_two_workers_is_one_trace_from_the_trigger_request_through_every_batch_to_the_merge_with_no_secret_exported()
    {
        await using var collector = await OtlpReceiver.StartAsync();
        await using var env = await TracedEnvironment.StartAsync(fixture.Database, collector, devices: 40);
        var tenant = await env.AddTenantAsync("trace-run", pageSize: 50);
        await TracedEnvironment.StartWorkerAsync(env, collector, "worker-1");
        await TracedEnvironment.StartWorkerAsync(env, collector, "worker-2");
        var cookie = await SignInCookieAsync(env, tenant);
        var apiKey = await UsedApiKeyAsync(env, tenant);

        var runId = await tenant.TriggerAcceptedAsync();
        var run = await tenant.WaitForFinishAsync(runId, RunTimeout);
        run.GetProperty("status").GetString().Should().Be("Succeeded", env.WorkerOutput);
        var pages = run.GetProperty("pagesDone").GetInt32();

        ExportedSpan? trigger = null;
        await Eventually.HoldsAsync(() =>
        {
            trigger = collector.Spans().FirstOrDefault(s => s.Kind == SpanKind.Server && s["http.request.method"] == "POST"
                && s["url.path"] == tenant.RunsPath);
            return trigger is not null && collector.Spans().Any(s => s.TraceId == trigger.TraceId && s.Name == "ingestion.merge");
        }, "the trigger request and the run's merge are exported");

        var trace = collector.Spans().Where(s => s.TraceId == trigger!.TraceId).ToList();
        var batches = trace.Where(s => s.Name == "ingestion.batch").ToList();
        var batchJobs = await BatchJobsOfRunAsync(runId);
        batchJobs.Should().BeGreaterThan(1, $"the run of {pages} pages took several batch jobs");
        var jobSpans = trace.Where(s => s.Name.StartsWith("job ", StringComparison.Ordinal)).ToList();
        // A batch retried (e.g. its tenant lookup timed out on a loaded machine) is one job with two executions.
        jobSpans.Where(s => s.Name == "job IngestionBatchJob").Select(s => s["patchhound.job.id"]).Distinct()
            .Should().HaveCount((int)batchJobs, "every batch job of the run is in the trigger's trace");
        batches.Should().HaveCountGreaterThanOrEqualTo((int)batchJobs);
        batches.Where(s => s.Status?.Code != Status.Types.StatusCode.Error).Should().HaveCount((int)batchJobs, "each batch job succeeded once: {0}", string.Join(Environment.NewLine, batches));
        trace.Should().ContainSingle(s => s.Name == "ingestion.merge");
        trace.Where(s => s.Name == "realtime.ingestionRun").Should().NotBeEmpty("the run's SignalR sends are spans of the trace")
            .And.OnlyContain(s => s.Kind == SpanKind.Producer && s[TenantTelemetry.TenantIdAttribute] == tenant.TenantId.ToString()
                && s[TenantTelemetry.TenantEditionAttribute] == "Enterprise");
        trace.Where(s => s.Name.StartsWith("ingestion.", StringComparison.Ordinal))
            .Should().OnlyContain(s => s[TenantTelemetry.TenantIdAttribute] == tenant.TenantId.ToString() && s[TenantTelemetry.TenantEditionAttribute] == "Enterprise");
        jobSpans.Should().OnlyContain(s => s.Service == "patchhound-worker" && s.Kind == SpanKind.Consumer
            && s["patchhound.job.queue"] == "ingestion" && s["patchhound.job.id"] != null && s["patchhound.job.attempt"] != null);
        jobSpans.Where(s => s.Name == "job IngestionBatchJob").Should().HaveCount(batches.Count);
        jobSpans.Should().ContainSingle(s => s.ParentSpanId == trigger!.SpanId, "the first batch job is a child of the trigger request");

        await Eventually.HoldsAsync(() => collector.Points().Any(p => p.Metric == "patchhound.jobs.processed"
            && p.Attributes.GetValueOrDefault("job.type") == "IngestionMergeJob"), "the job metrics are exported");
        await Eventually.HoldsAsync(() => collector.Points().Any(p => p.Metric == "patchhound.ingestion.hop" && p.Attributes.GetValueOrDefault("step") == "merge")
            && collector.Points().Any(p => p.Metric == "patchhound.ingestion.hop" && p.Attributes.GetValueOrDefault("step") == "batch"),
            "the hops into the run's batches and its merge are measured");
        var jobPoints = collector.Points().Where(p => p.Metric.StartsWith("patchhound.jobs.", StringComparison.Ordinal)).ToList();
        jobPoints.Select(p => p.Metric).Distinct().Should().Contain(["patchhound.jobs.processed", "patchhound.jobs.duration", "patchhound.jobs.queue_wait"]);
        jobPoints.Where(p => p.Metric == "patchhound.jobs.processed")
            .Should().OnlyContain(p => p.Attributes.Keys.Order().SequenceEqual(new[] { "job.type", "outcome", "queue" }));
        collector.Points().Should().NotContain(p => p.Attributes.Keys.Any(k => k.Contains("tenant", StringComparison.OrdinalIgnoreCase))
            || p.Attributes.Values.Contains(tenant.TenantId.ToString()), "metrics never carry a tenant");

        await Eventually.HoldsAsync(() => collector.Bodies("/v1/logs").Any(b => Contains(b, runId.ToString())),
            "log events of the run are exported too");
        foreach (var secret in new[] { SimulatorServer.Secret, SchemaSetup.AppPassword, cookie, apiKey })
        {
            collector.AllBodies().Should().NotContain(b => Contains(b, secret), "no exported span, metric or log holds a secret");
            env.WorkerOutput.Should().NotContain(secret);
        }
    }

    private async Task<long> BatchJobsOfRunAsync(Guid runId)
    {
        await using var connection = new NpgsqlConnection(fixture.Database.OwnerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM hangfire.job WHERE arguments::text LIKE '%' || @run || '%' AND invocationdata::text LIKE '%IngestionBatchJob%'", connection);
        command.Parameters.AddWithValue("run", runId.ToString());
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Signs the tenant's admin in once more, without the client's cookie jar, to learn a live session cookie.</summary>
    private static async Task<string> SignInCookieAsync(IngestionRunEnvironment env, IngestionTenant tenant)
    {
        var client = env.Api.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        var signIn = await client.PostAsync("/auth/dev/sign-in", new StringContent(
            $$"""{"email":"admin@{{tenant.Slug}}.test"}""", Encoding.UTF8, "application/json"));
        signIn.EnsureSuccessStatusCode();
        var cookie = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("patchhound.session=", StringComparison.Ordinal));
        var value = cookie.Split(';')[0];
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/tenants/{tenant.Slug}/findings");
        request.Headers.Add("Cookie", value);
        (await client.SendAsync(request)).StatusCode.Should().Be(HttpStatusCode.OK, "the cookie is a live session, used in the trace");
        return value["patchhound.session=".Length..];
    }

    /// <summary>Creates an API key as the tenant's admin and reads findings with it, so the trace holds its use.</summary>
    private static async Task<string> UsedApiKeyAsync(IngestionRunEnvironment env, IngestionTenant tenant)
    {
        var created = await tenant.Admin.PostAsJsonAsync($"/api/tenants/{tenant.Slug}/api-keys", new { name = "trace sweep", scopes = new[] { "read" } });
        created.StatusCode.Should().Be(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var secret = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("secret").GetString()!;
        using var client = env.Api.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        client.DefaultRequestHeaders.Add("X-Api-Key", secret);
        (await client.GetAsync($"/api/tenants/{tenant.Slug}/findings")).StatusCode.Should().Be(HttpStatusCode.OK, "the key is live, used in the trace");
        return secret;
    }

    private static bool Contains(byte[] body, string value) => body.AsSpan().IndexOf(Encoding.UTF8.GetBytes(value)) >= 0;
}
