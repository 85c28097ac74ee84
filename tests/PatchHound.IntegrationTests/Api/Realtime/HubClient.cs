using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using PatchHound.Infrastructure.Realtime;

namespace PatchHound.IntegrationTests.Api.Realtime;

/// <summary>
/// A signed-in user's SignalR connection to one in-process API instance (long polling through its test server),
/// keeping every event it receives. <see cref="Http"/> is an API client with the same session cookie.
/// </summary>
internal sealed class HubClient : IAsyncDisposable
{
    private static readonly string[] EventNames =
        [RealtimeEventNames.Subscribed, RealtimeEventNames.Notification, RealtimeEventNames.CaseAssigned, RealtimeEventNames.IngestionRun];

    private readonly List<ReceivedEvent> received = [];
    private readonly HubConnection connection;
    private readonly TaskCompletionSource closed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private HubClient(HubConnection connection, HttpClient http, string email)
    {
        this.connection = connection;
        Http = http;
        Email = email;
        connection.Closed += _ =>
        {
            closed.TrySetResult();
            return Task.CompletedTask;
        };
        foreach (var name in EventNames)
        {
            connection.On<JsonElement>(name, payload =>
            {
                lock (received)
                {
                    received.Add(new ReceivedEvent(name, payload));
                }
            });
        }
    }

    public string Email { get; }

    public HubConnection Connection => connection;

    public HttpClient Http { get; }

    public IReadOnlyList<ReceivedEvent> Received
    {
        get
        {
            lock (received)
            {
                return [.. received];
            }
        }
    }

    /// <summary>
    /// Signs in with the dev sign-in and connects; returns once the hub says the connection joined its groups, throws
    /// <see cref="InvalidOperationException"/> when the server closes the connection first.
    /// </summary>
    public static async Task<HubClient> ConnectAsync(WebApplicationFactory<Program> api, string email)
    {
        var cookie = await SignInAsync(api, email);
        var http = api.CreateDefaultClient();
        http.DefaultRequestHeaders.Add("Cookie", cookie);
        var client = new HubClient(Build(api, cookie), http, email);
        await client.connection.StartAsync();
        var subscribed = client.WaitForAsync(RealtimeEventNames.Subscribed, _ => true, TimeSpan.FromSeconds(15));
        if (await Task.WhenAny(subscribed, client.closed.Task) != subscribed)
        {
            await client.DisposeAsync();
            throw new InvalidOperationException($"The server closed the connection of {email} before it joined its groups.");
        }

        await subscribed;
        return client;
    }

    /// <summary>A connection to the hub with the given cookie header (none: anonymous), not started.</summary>
    public static HubConnection Build(WebApplicationFactory<Program> api, string? cookie) =>
        new HubConnectionBuilder()
            .WithUrl(new Uri(api.Server.BaseAddress, NotificationsHub.Path.TrimStart('/')), options =>
            {
                options.Transports = HttpTransportType.LongPolling;
                options.HttpMessageHandlerFactory = _ => api.Server.CreateHandler();
                if (cookie is not null)
                {
                    options.Headers["Cookie"] = cookie;
                }
            })
            .Build();

    /// <summary>The first received event of this name matching the predicate, waiting for it up to the timeout.</summary>
    public async Task<JsonElement> WaitForAsync(string name, Func<JsonElement, bool> match, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var found = Received.FirstOrDefault(e => e.Name == name && match(e.Payload));
            if (found is not null)
            {
                return found.Payload;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException(
                    $"{Email} received no {name} event matching within {timeout}; received: {string.Join(", ", Received.Select(e => $"{e.Name} {e.Payload}"))}");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>The events received, except the connection's own <c>subscribed</c>.</summary>
    public IReadOnlyList<ReceivedEvent> Events() => Received.Where(e => e.Name != RealtimeEventNames.Subscribed).ToList();

    public async ValueTask DisposeAsync()
    {
        await connection.DisposeAsync();
        Http.Dispose();
    }

    private static async Task<string> SignInAsync(WebApplicationFactory<Program> api, string email)
    {
        using var http = api.CreateDefaultClient();
        var response = await http.PostAsJsonAsync("/auth/dev/sign-in", new { email });
        response.StatusCode.Should().Be(HttpStatusCode.NoContent, $"the dev sign-in of {email} must succeed");
        return string.Join("; ", response.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
    }
}
