using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace PatchHound.IntegrationTests.Enrichment;

/// <summary>
/// A real HTTP server on 127.0.0.1 (Kestrel) standing in for CISA, FIRST and the NVD. Each test says what a path
/// answers; every request is recorded with the time it arrived.
/// </summary>
public sealed class FeedServer : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, RequestDelegate> routes = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<FeedRequest> requests = new();
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private WebApplication? app;

    public Uri BaseUrl { get; private set; } = null!;

    public IReadOnlyList<FeedRequest> Requests => requests.ToList();

    public static async Task<FeedServer> StartAsync()
    {
        var server = new FeedServer();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        server.app = builder.Build();
        server.app.Run(server.HandleAsync);
        await server.app.StartAsync();
        server.BaseUrl = new Uri(server.app.Urls.Single());
        return server;
    }

    public string Url(string path) => new Uri(BaseUrl, path).ToString();

    public void Serve(string path, RequestDelegate handler) => routes[path] = handler;

    public void Serve(string path, byte[] body, string contentType) =>
        Serve(path, async context =>
        {
            context.Response.ContentType = contentType;
            context.Response.ContentLength = body.Length;
            await context.Response.Body.WriteAsync(body);
        });

    public async ValueTask DisposeAsync()
    {
        if (app is not null)
        {
            await app.DisposeAsync();
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        requests.Enqueue(new FeedRequest(
            context.Request.Path, context.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString()),
            context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            clock.Elapsed));
        if (routes.TryGetValue(context.Request.Path, out var handler))
        {
            await handler(context);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status404NotFound;
    }
}
