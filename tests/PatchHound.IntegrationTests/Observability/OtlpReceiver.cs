using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using PatchHound.IntegrationTests.Harness;

namespace PatchHound.IntegrationTests.Observability;

/// <summary>
/// An OTLP/HTTP endpoint in the test process: it keeps every request body it receives per signal path
/// (/v1/traces, /v1/metrics, /v1/logs) as the raw protobuf bytes the host sent; <see cref="ExportedTelemetry"/> decodes them.
/// Without <c>keepBodies</c> (a sink for the overhead benchmarks) it only counts the bytes.
/// </summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentQueue<(string Path, byte[] Body)> received = new();
    private long receivedBytes;

    private OtlpReceiver(WebApplication app, Uri endpoint)
    {
        this.app = app;
        Endpoint = endpoint;
    }

    public Uri Endpoint { get; }

    public long ReceivedBytes => Interlocked.Read(ref receivedBytes);

    public IReadOnlyList<byte[]> Bodies(string path) => [.. received.Where(r => r.Path == path).Select(r => r.Body)];

    public IReadOnlyList<ExportedSpan> Spans() => ExportedTelemetry.Spans(Bodies("/v1/traces"));

    public IReadOnlyList<ExportedPoint> Points() => ExportedTelemetry.Points(Bodies("/v1/metrics"));

    /// <summary>Every body of every signal, for the secrets sweep.</summary>
    public IReadOnlyList<byte[]> AllBodies() => [.. received.Select(r => r.Body)];

    public static async Task<OtlpReceiver> StartAsync(bool keepBodies = true)
    {
        var port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        var receiver = new OtlpReceiver(app, new Uri($"http://127.0.0.1:{port}"));
        app.MapPost("/v1/{signal}", async (HttpContext context, string signal) =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            Interlocked.Add(ref receiver.receivedBytes, body.Length);
            if (keepBodies)
            {
                receiver.received.Enqueue(($"/v1/{signal}", body.ToArray()));
            }

            return Results.Ok();
        });
        await app.StartAsync();
        return receiver;
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}
