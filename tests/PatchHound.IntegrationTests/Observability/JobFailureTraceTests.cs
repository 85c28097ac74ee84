using PatchHound.IntegrationTests.Harness;
using PatchHound.IntegrationTests.Observability.Otlp;

namespace PatchHound.IntegrationTests.Observability;

/// <summary>A batch that fails is visible in telemetry: its exception, its retry, its dead-lettering, the gauges.</summary>
public sealed class JobFailureTraceTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task A_failing_batch_records_its_exception_and_retry_on_its_spans_and_a_dead_lettered_run_raises_the_dead_letter_gauge()
    {
        await using var collector = await OtlpReceiver.StartAsync();
        await using var env = await TracedEnvironment.StartAsync(fixture.Database, collector, devices: 40);
        var tenant = await env.AddTenantAsync("trace-fail", pageSize: 50, retryCount: 1);
        await env.Simulator.SetFaultsAsync(new { kind = "ServerError", tenant = tenant.TenantId.ToString(), endpoint = "vulnerabilities", page = 2 });
        await TracedEnvironment.StartWorkerAsync(env, collector, "worker", new Dictionary<string, string?>
        {
            ["Defender__MaxTransientAttempts"] = "1",
            ["Defender__RetryBaseDelay"] = "00:00:00",
        });

        var run = await tenant.WaitForFinishAsync(await tenant.TriggerAcceptedAsync(), TimeSpan.FromMinutes(3));
        run.GetProperty("status").GetString().Should().Be("DeadLettered", env.WorkerOutput);

        List<ExportedSpan> attempts = [];
        await Eventually.HoldsAsync(() =>
        {
            // An exporter that timed out on a loaded machine sends its batch again: a span is counted once, by its id.
            attempts = [.. collector.Spans().Where(s => s.Name == "job IngestionBatchJob" && s.Status?.Code == Status.Types.StatusCode.Error)
                .DistinctBy(s => s.SpanId)];
            return attempts.Count >= 2 && attempts.Any(s => s.Events.Any(e => e.Name == "job.dead-lettered"));
        }, "both failed attempts of the batch are exported");

        attempts.Should().OnlyContain(s => s.Events.Any(e => e.Name == "exception"
            && ExportedTelemetry.Flatten(e.Attributes).GetValueOrDefault("exception.type", "").Contains("Exception")));
        var first = attempts.Single(s => s["patchhound.job.attempt"] == "1");
        first.Events.Should().Contain(e => e.Name == "job.retry", "the first failure is retried");
        var last = attempts.Single(s => s.Events.Any(e => e.Name == "job.dead-lettered"));
        last["patchhound.job.attempt"].Should().Be("2");
        last.TraceId.Should().Be(first.TraceId, "the retry continues the run's trace");

        await Eventually.HoldsAsync(() => collector.Points().Any(p => p.Metric == "patchhound.jobs.failed.count" && p.Value >= 1),
            "the gauge is read after the dead letter", TimeSpan.FromSeconds(30));
        var points = collector.Points().Where(p => p.Metric.StartsWith("patchhound.", StringComparison.Ordinal)).ToList();
        var seen = string.Join(Environment.NewLine, points.Select(p => $"{p.Service} {p.Metric} {string.Join(",", p.Attributes)} {p.Value}").Distinct());
        // The queue label is the queue the attempt was enqueued on: Hangfire re-enqueues a retried job on "default".
        points.Should().Contain(p => p.Metric == "patchhound.jobs.dead_lettered" && p.Attributes.GetValueOrDefault("job.type") == "IngestionBatchJob", seen);
        points.Should().Contain(p => p.Metric == "patchhound.ingestion.runs" && p.Attributes.GetValueOrDefault("outcome") == "dead_lettered", seen);
        points.Should().Contain(p => p.Metric == "patchhound.jobs.retried" && p.Attributes.GetValueOrDefault("job.type") == "IngestionBatchJob", seen);
        points.Should().Contain(p => p.Metric == "patchhound.jobs.failed.count" && p.Value >= 1, "the dead letter raises the gauge; seen: " + seen);
        collector.Points().Where(p => p.Metric == "patchhound.jobs.queue.depth").Select(p => p.Attributes["queue"])
            .Should().Contain(["critical", "default", "ingestion", "ai"]);
    }
}
