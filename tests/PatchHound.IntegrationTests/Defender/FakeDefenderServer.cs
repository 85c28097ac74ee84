using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace PatchHound.IntegrationTests.Defender;

/// <summary>
/// A real Kestrel server on 127.0.0.1 that answers Defender-shaped pages through <see cref="Handler"/> and issues
/// client-credentials tokens at <c>/{tenant}/oauth2/v2.0/token</c>, recording what it was asked.
/// </summary>
internal sealed class FakeDefenderServer : IAsyncDisposable
{
    private readonly WebApplication app;

    private FakeDefenderServer(WebApplication app, Func<HttpContext, Task> handler)
    {
        this.app = app;
        Handler = handler;
    }

    public Uri BaseUrl { get; private set; } = null!;

    public Func<HttpContext, Task> Handler { get; set; }

    public string AccessToken { get; set; } = "access-token-" + Guid.NewGuid().ToString("N");

    /// <summary>Status the token endpoint answers with; 200 issues <see cref="AccessToken"/>.</summary>
    public int TokenStatus { get; set; } = StatusCodes.Status200OK;

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    public ConcurrentQueue<RecordedTokenRequest> TokenRequests { get; } = new();

    public static async Task<FakeDefenderServer> StartAsync(Func<HttpContext, Task>? handler = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new FakeDefenderServer(app, handler ?? (context => Task.CompletedTask));
        app.Run(server.HandleAsync);
        await app.StartAsync();
        server.BaseUrl = new Uri(app.Urls.First() + "/");
        return server;
    }

    public string Url(string pathAndQuery) => new Uri(BaseUrl, pathAndQuery).AbsoluteUri;

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        if (context.Request.Path.Value!.EndsWith("/oauth2/v2.0/token", StringComparison.Ordinal))
        {
            var form = await context.Request.ReadFormAsync();
            TokenRequests.Enqueue(new RecordedTokenRequest(
                context.Request.Path.Value!, form.ToDictionary(field => field.Key, field => field.Value.ToString())));
            context.Response.StatusCode = TokenStatus;
            if (TokenStatus == StatusCodes.Status200OK)
            {
                await context.Response.WriteAsJsonAsync(new Dictionary<string, object>
                {
                    ["token_type"] = "Bearer",
                    ["expires_in"] = 3600,
                    ["access_token"] = AccessToken,
                });
            }

            return;
        }

        Requests.Enqueue(new RecordedRequest(
            context.Request.Path + context.Request.QueryString,
            context.Request.Headers.Authorization.ToString(),
            Stopwatch.GetTimestamp()));
        await Handler(context);
    }

    public static async Task WriteJsonAsync(HttpContext context, string json)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(json);
    }

    public static string Serialize(object value) => JsonSerializer.Serialize(value);

    public static string Page(IEnumerable<object> records, string? nextLink) =>
        JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["@odata.context"] = "https://api.securitycenter.microsoft.com/api/$metadata#Machines",
            ["value"] = records,
            ["@odata.nextLink"] = nextLink,
        });
}

internal sealed record RecordedRequest(string PathAndQuery, string Authorization, long Timestamp);

internal sealed record RecordedTokenRequest(string Path, IReadOnlyDictionary<string, string> Form);
