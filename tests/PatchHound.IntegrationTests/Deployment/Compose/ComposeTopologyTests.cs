using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Npgsql;
using PatchHound.Infrastructure.Realtime;
using PatchHound.IntegrationTests.Harness;
using Xunit.Abstractions;

namespace PatchHound.IntegrationTests.Deployment.Compose;

/// <summary>
/// The compose topology without Docker: a throw-away PostgreSQL set up as the postgres image does, Redis, and the
/// same processes compose starts (simulator, migrate, seed-demo, 2 API behind the real Caddy with our Caddyfile,
/// 2 workers) with the environment compose resolves from filled-in example env files.
/// </summary>
public sealed class ComposeTopologyTests(ITestOutputHelper output)
{
    private const string DemoAdmin = "admin@demo.patchhound.local";

    [Fact]
    public async Task Starts_in_compose_order_ingests_the_demo_with_an_event_through_the_proxy_and_stops_cleanly()
    {
        using var env = new OperatorEnvFiles(demo: true);
        var config = await ComposeConfig.LoadAsync(env.Application, env.SchemaOwner);
        var postgres = await LocalPostgresCluster.StartAsync();
        await using var redis = await RedisServer.StartNewAsync();
        var owner = config.Environment("postgres");
        await CreateOwnerAsPostgresImageDoesAsync(postgres.AdminConnectionString, owner["POSTGRES_USER"], owner["POSTGRES_PASSWORD"], owner["POSTGRES_DB"]);
        var simulatorPort = FreePort.Next();
        var apiPorts = new[] { FreePort.Next(), FreePort.Next() };
        var topology = new ComposeTopology(config, new Dictionary<string, string>
        {
            ["Host=postgres;Port=5432"] = $"Host=127.0.0.1;Port={postgres.Port.ToString(CultureInfo.InvariantCulture)}",
            ["redis:6379"] = redis.ConnectionString,
            ["http://simulator:8080"] = $"http://127.0.0.1:{simulatorPort.ToString(CultureInfo.InvariantCulture)}",
            ["dynamic a api 8080"] = $"to {string.Join(' ', apiPorts.Select(port => $"127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}"))}",
        });
        var running = new List<HostProcess>();
        try
        {
            running.Add(await HostProcess.StartAsync("simulator", topology.Command("simulator").Arguments[0], topology.Environment("simulator", simulatorPort), simulatorPort));
            foreach (var oneShot in new[] { "migrate", "seed-demo" })
            {
                var result = await topology.RunAsync(oneShot);
                result.ExitCode.Should().Be(0, $"{oneShot}: {result}");
            }

            var hosts = new List<(string Service, HostProcess Process)>();
            foreach (var service in new[] { "api", "worker" })
            {
                for (var replica = 1; replica <= 2; replica++)
                {
                    var process = service == "api"
                        ? await HostProcess.StartAsync($"api-{replica}", topology.Command("api").Arguments[0], topology.Environment("api", apiPorts[replica - 1]), apiPorts[replica - 1])
                        : await topology.StartAsync(service, $"{service}-{replica}");
                    running.Add(process);
                    hosts.Add((service, process));
                }
            }

            await ChecksPassAsync(topology, hosts.Append(("simulator", running[0])));
            var proxy = await StartProxyAsync(topology);
            running.Add(proxy);

            await IngestsTheDemoSourceWithAnEventThroughTheProxyAsync(new Uri($"http://127.0.0.1:{proxy.Port.ToString(CultureInfo.InvariantCulture)}"), running);

            foreach (var process in Enumerable.Reverse(running).ToList())
            {
                var exitCode = await process.StopAsync(TimeSpan.FromSeconds(60));
                running.Remove(process);
                if (process.Name != "proxy")
                {
                    exitCode.Should().Be(0, $"{process.Name} stops cleanly on SIGTERM{System.Environment.NewLine}{process.Output}");
                }
            }

            (await HangfireServersAsync(topology)).Should().Be(0, "stopped workers deregister their job servers");
        }
        finally
        {
            foreach (var process in running)
            {
                output.WriteLine($"--- {process.Name}{System.Environment.NewLine}{process.Output}");
                await process.DisposeAsync();
            }
        }
    }

    /// <summary>What the postgres image does on its first start: the owner as superuser, and its database.</summary>
    private static async Task CreateOwnerAsPostgresImageDoesAsync(string adminConnectionString, string user, string password, string database)
    {
        await AdminSql.ExecuteAsync(adminConnectionString, $"CREATE ROLE {AdminSql.Quote(user)} LOGIN SUPERUSER PASSWORD '{password.Replace("'", "''", StringComparison.Ordinal)}'");
        await AdminSql.ExecuteAsync(adminConnectionString, $"CREATE DATABASE {AdminSql.Quote(database)} OWNER {AdminSql.Quote(user)}");
    }

    /// <summary>Compose's health check of every long-running host (its healthcheck command), and its readiness.</summary>
    private static async Task ChecksPassAsync(ComposeTopology topology, IEnumerable<(string Service, HostProcess Process)> hosts)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        foreach (var (service, process) in hosts)
        {
            var check = await topology.HealthCheckAsync(service, process.Port);
            check.ExitCode.Should().Be(0, $"{process.Name}'s health check: {check}");
            if (service == "simulator")
            {
                continue;
            }

            await Eventually.HoldsAsync(
                async () => (await http.GetAsync(new Uri($"http://127.0.0.1:{process.Port}/health/ready"))).IsSuccessStatusCode,
                $"{process.Name} is ready (PostgreSQL and Redis reachable with compose's configuration)",
                TimeSpan.FromSeconds(60));
        }
    }

    private static async Task<HostProcess> StartProxyAsync(ComposeTopology topology)
    {
        var port = FreePort.Next();
        var home = Directory.CreateTempSubdirectory("patchhound-caddy-").FullName;
        var environment = topology.Environment("proxy");
        environment["PATCHHOUND_PROXY_PORT"] = port.ToString(CultureInfo.InvariantCulture);
        environment["PATCHHOUND_PROXY_BIND"] = "127.0.0.1";
        environment["HOME"] = home;
        environment["XDG_CONFIG_HOME"] = home;
        environment["XDG_DATA_HOME"] = home;
        return await HostProcess.StartProgramAsync(
            "proxy", "caddy", ["run", "--config", ProxyConfigTests.Caddyfile, "--adapter", "caddyfile"], environment, port);
    }

    /// <summary>
    /// The demo admin signs in through the proxy and listens on the hub by long polling (every poll must reach the
    /// replica that negotiated); a run triggered through the proxy is ingested by a worker from the simulator, and
    /// the worker's events reach the connection through the Redis backplane.
    /// </summary>
    private static async Task IngestsTheDemoSourceWithAnEventThroughTheProxyAsync(Uri proxy, IReadOnlyList<HostProcess> running)
    {
        var cookies = new CookieContainer();
        using var handler = new HttpClientHandler { CookieContainer = cookies };
        using var http = new HttpClient(handler) { BaseAddress = proxy, Timeout = TimeSpan.FromSeconds(30) };
        (await http.PostAsJsonAsync("/auth/dev/sign-in", new { email = DemoAdmin })).StatusCode.Should().Be(HttpStatusCode.NoContent);

        var events = new List<JsonElement>();
        var subscribed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(proxy, NotificationsHub.Path), options =>
            {
                options.Transports = HttpTransportType.LongPolling;
                options.Cookies = cookies;
            })
            .Build();
        hub.On<JsonElement>(RealtimeEventNames.Subscribed, _ => subscribed.TrySetResult());
        hub.On<JsonElement>(RealtimeEventNames.IngestionRun, run =>
        {
            lock (events)
            {
                events.Add(run);
            }
        });
        await hub.StartAsync();
        await subscribed.Task.WaitAsync(TimeSpan.FromSeconds(30));
        cookies.GetCookies(proxy).Select(cookie => cookie.Name).Should().Contain("patchhound_affinity", "the proxy pins the hub client");

        var sources = await http.GetFromJsonAsync<JsonElement>("/api/tenants/demo/sources");
        var sourceId = sources.GetProperty("items")[0].GetProperty("id").GetGuid();
        var trigger = await http.PostAsync(new Uri($"/api/tenants/demo/sources/{sourceId}/runs", UriKind.Relative), null);
        var body = await trigger.Content.ReadFromJsonAsync<JsonElement>();
        var runId = trigger.StatusCode == HttpStatusCode.Conflict
            ? body.GetProperty("activeRunId").GetGuid()
            : body.GetProperty("id").GetGuid();
        trigger.StatusCode.Should().BeOneOf([HttpStatusCode.Accepted, HttpStatusCode.Conflict], body.ToString());

        var succeeded = false;
        await Eventually.HoldsAsync(
            () =>
            {
                lock (events)
                {
                    succeeded = events.Any(run => run.GetProperty("id").GetGuid() == runId && run.GetProperty("status").GetString() == "Succeeded");
                }

                return succeeded;
            },
            $"the run's Succeeded event reaches the hub connection ({string.Join("; ", running.Select(process => process.Name))})",
            TimeSpan.FromMinutes(4));
        hub.State.Should().Be(HubConnectionState.Connected, "every long poll went back to the replica that negotiated");
        var run = await http.GetFromJsonAsync<JsonElement>($"/api/tenants/demo/sources/{sourceId}/runs/{runId}");
        run.GetProperty("findingsSeen").GetInt32().Should().BeGreaterThan(0);
    }

    private static async Task<long> HangfireServersAsync(ComposeTopology topology)
    {
        var owner = topology.Environment("migrate")["ConnectionStrings__PatchHoundMigrations"];
        await using var connection = new NpgsqlConnection(owner);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM hangfire.server", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
