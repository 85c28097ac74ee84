using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using PatchHound.Infrastructure.Realtime;
using PatchHound.IntegrationTests.Harness;

namespace PatchHound.IntegrationTests.Deployment.Compose;

/// <summary>
/// The seeded demo admin, signed in through the proxy, with a hub connection by long polling (every poll must reach
/// the replica that negotiated) that keeps the <c>ingestionRun</c> events it receives. Its cookies open any replica.
/// </summary>
internal sealed class DemoAdminSession : IAsyncDisposable
{
    public const string Email = "admin@demo.patchhound.local";

    private readonly CookieContainer cookies = new();
    private readonly List<JsonElement> runEvents = [];
    private readonly HubConnection hub;
    private readonly Uri proxy;

    private DemoAdminSession(Uri proxy)
    {
        this.proxy = proxy;
        hub = new HubConnectionBuilder()
            .WithUrl(new Uri(proxy, NotificationsHub.Path), options =>
            {
                options.Transports = HttpTransportType.LongPolling;
                options.Cookies = cookies;
            })
            .Build();
        hub.On<JsonElement>(RealtimeEventNames.IngestionRun, run =>
        {
            lock (runEvents)
            {
                runEvents.Add(run);
            }
        });
    }

    public HubConnectionState HubState => hub.State;

    public IEnumerable<string> CookieNames => cookies.GetCookies(proxy).Select(cookie => cookie.Name);

    public static async Task<DemoAdminSession> StartAsync(Uri proxy)
    {
        var session = new DemoAdminSession(proxy);
        using (var http = session.Client(proxy))
        {
            (await http.PostAsJsonAsync("/auth/dev/sign-in", new { email = Email })).StatusCode.Should().Be(HttpStatusCode.NoContent);
        }

        var subscribed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        session.hub.On<JsonElement>(RealtimeEventNames.Subscribed, _ => subscribed.TrySetResult());
        await session.hub.StartAsync();
        await subscribed.Task.WaitAsync(TimeSpan.FromSeconds(30));
        return session;
    }

    /// <summary>An API client with this session's cookies, for the proxy or one replica directly.</summary>
    public HttpClient Client(Uri origin) =>
        new(new HttpClientHandler { CookieContainer = cookies }) { BaseAddress = origin, Timeout = TimeSpan.FromSeconds(30) };

    public async Task WaitForRunEventAsync(Guid runId, string status, TimeSpan timeout) =>
        await Eventually.HoldsAsync(
            () =>
            {
                lock (runEvents)
                {
                    return runEvents.Any(run => run.GetProperty("id").GetGuid() == runId && run.GetProperty("status").GetString() == status);
                }
            },
            $"the hub connection receives run {runId}'s {status} event",
            timeout);

    public ValueTask DisposeAsync() => hub.DisposeAsync();
}
