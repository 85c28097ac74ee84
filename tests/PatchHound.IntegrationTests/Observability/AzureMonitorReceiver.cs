using System.Collections.Concurrent;
using System.IO.Compression;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using PatchHound.IntegrationTests.Harness;

namespace PatchHound.IntegrationTests.Observability;

/// <summary>
/// A stand-in for Application Insights' ingestion endpoint in the test process: the Azure Monitor exporter posts its
/// envelopes (newline-delimited JSON, gzip-compressed) to <c>/v2.1/track</c>; this keeps every body, decompressed, and
/// answers as the service does when it accepted all items.
/// </summary>
public sealed class AzureMonitorReceiver : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentQueue<string> received = new();

    private AzureMonitorReceiver(WebApplication app, int port)
    {
        this.app = app;
        ConnectionString = $"InstrumentationKey=00000000-0000-0000-0000-000000000001;IngestionEndpoint=http://127.0.0.1:{port}/";
    }

    public string ConnectionString { get; }

    public IReadOnlyList<string> Bodies => [.. received];

    public static async Task<AzureMonitorReceiver> StartAsync()
    {
        var port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        var receiver = new AzureMonitorReceiver(app, port);
        app.MapPost("/v2.1/track", async (HttpContext context) =>
        {
            using var body = new MemoryStream();
            var gzip = context.Request.Headers.ContentEncoding.ToString().Contains("gzip", StringComparison.OrdinalIgnoreCase);
            await using (var source = gzip ? new GZipStream(context.Request.Body, CompressionMode.Decompress) : context.Request.Body)
            {
                await source.CopyToAsync(body);
            }

            var text = Encoding.UTF8.GetString(body.ToArray());
            receiver.received.Enqueue(text);
            var items = text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;
            return Results.Json(new { itemsReceived = items, itemsAccepted = items, errors = Array.Empty<object>() });
        });
        await app.StartAsync();
        return receiver;
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}
