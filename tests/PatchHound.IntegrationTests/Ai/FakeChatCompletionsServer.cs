using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace PatchHound.IntegrationTests.Ai;

/// <summary>
/// A real HTTP server on a free local port that imitates the chat-completions endpoints of OpenAI/Ollama
/// (<c>/v1/chat/completions</c>) and Azure OpenAI (<c>/openai/deployments/{deployment}/chat/completions</c>).
/// </summary>
public sealed class FakeChatCompletionsServer : IAsyncDisposable
{
    public const string DefaultAnswer = "Upgrade PAN-OS to 10.2.9-h1 or later, then confirm the version in the web UI.";

    private readonly ConcurrentQueue<ReceivedChatRequest> received = new();
    private WebApplication? app;

    private FakeChatCompletionsServer()
    {
    }

    public Uri BaseUrl { get; private set; } = new("http://127.0.0.1/");

    /// <summary>How the server answers each call; a completion with <see cref="DefaultAnswer"/> unless a test says otherwise.</summary>
    public Func<ReceivedChatRequest, CancellationToken, Task<IResult>> Reply { get; set; } =
        (_, _) => Task.FromResult(ChatReplies.Answer(DefaultAnswer));

    public IReadOnlyList<ReceivedChatRequest> Received => [.. received];

    public static async Task<FakeChatCompletionsServer> StartAsync()
    {
        var server = new FakeChatCompletionsServer();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        server.app = builder.Build();
        server.app.MapPost("/v1/chat/completions", server.HandleAsync);
        server.app.MapPost("/openai/deployments/{deployment}/chat/completions", server.HandleAsync);
        await server.app.StartAsync();
        server.BaseUrl = new Uri(server.app.Urls.Single());
        return server;
    }

    public void ReplyWith(IResult reply) => Reply = (_, _) => Task.FromResult(reply);

    public async ValueTask DisposeAsync()
    {
        if (app is not null)
        {
            await app.DisposeAsync();
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var headers = context.Request.Headers;
        var request = new ReceivedChatRequest(
            context.Request.Path.Value ?? string.Empty,
            context.Request.QueryString.Value ?? string.Empty,
            headers.Authorization.Count == 0 ? null : headers.Authorization.ToString(),
            headers.TryGetValue("api-key", out var apiKey) ? apiKey.ToString() : null,
            await reader.ReadToEndAsync(context.RequestAborted));
        received.Enqueue(request);
        var reply = await Reply(request, context.RequestAborted);
        await reply.ExecuteAsync(context);
    }
}
