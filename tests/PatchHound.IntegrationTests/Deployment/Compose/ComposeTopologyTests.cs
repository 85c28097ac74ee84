using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Npgsql;
using PatchHound.IntegrationTests.Harness;
using Xunit.Abstractions;

namespace PatchHound.IntegrationTests.Deployment.Compose;

/// <summary>
/// The compose topology without Docker: a throw-away PostgreSQL set up as the postgres image does, Redis, and the
/// same processes compose starts (simulator, migrate, seed-demo, 2 API behind the real Caddy with our Caddyfile,
/// 2 workers) with the environment compose resolves from filled-in example env files, through to the web UI.
/// </summary>
public sealed class ComposeTopologyTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Starts_in_compose_order_serves_the_demo_through_the_proxy_with_events_across_replicas_and_stops_cleanly()
    {
        using var env = new OperatorEnvFiles(demo: true);
        var config = await ComposeConfig.LoadAsync(env.Application, env.SchemaOwner, env.Redis);
        var postgres = await LocalPostgresCluster.StartAsync();
        // As compose's Redis: it requires redis.env's password, which the hosts' connection string carries.
        await using var redis = await RedisServer.StartNewAsync(config.Environment("redis")["REDIS_PASSWORD"]);
        var owner = config.Environment("postgres");
        await CreateOwnerAsPostgresImageDoesAsync(postgres.AdminConnectionString, owner["POSTGRES_USER"], owner["POSTGRES_PASSWORD"], owner["POSTGRES_DB"]);
        var simulatorPort = FreePort.Next();
        var apiPorts = new[] { FreePort.Next(), FreePort.Next() };
        var topology = new ComposeTopology(config, new Dictionary<string, string>
        {
            ["Host=postgres;Port=5432"] = $"Host=127.0.0.1;Port={postgres.Port.ToString(CultureInfo.InvariantCulture)}",
            ["redis:6379"] = redis.Address,
            ["http://simulator:8080"] = $"http://127.0.0.1:{simulatorPort.ToString(CultureInfo.InvariantCulture)}",
            ["dynamic a api 8080"] = $"to {string.Join(' ', apiPorts.Select(port => $"127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}"))}",
        });
        var running = new List<HostProcess>();
        try
        {
            running.Add(await topology.StartAsync("simulator", "simulator", simulatorPort));
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
                    var process = await topology.StartAsync(service, $"{service}-{replica}", service == "api" ? apiPorts[replica - 1] : null);
                    running.Add(process);
                    hosts.Add((service, process));
                }
            }

            await ChecksPassAsync(topology, hosts.Append(("simulator", running[0])));
            var proxy = await StartProxyAsync(topology, env.Scratch);
            running.Add(proxy);

            await IngestsTheDemoWithEventsAcrossReplicasAsync(
                new Uri($"http://127.0.0.1:{proxy.Port.ToString(CultureInfo.InvariantCulture)}"), hosts.Where(host => host.Service == "api").Select(host => host.Process));

            foreach (var process in Enumerable.Reverse(running).ToList())
            {
                var exitCode = await process.StopAsync(TimeSpan.FromSeconds(60));
                running.Remove(process);
                exitCode.Should().Be(0, $"{process.Name} stops cleanly on SIGTERM{System.Environment.NewLine}{process.Output}");
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
                () => IsReadyAsync(http, process.Port),
                $"{process.Name} is ready (PostgreSQL and Redis reachable with compose's configuration)",
                TimeSpan.FromSeconds(60));
        }
    }

    // A host still starting on a loaded machine may not answer within the client's time-out: not ready yet, ask again.
    private static async Task<bool> IsReadyAsync(HttpClient http, int port)
    {
        try
        {
            return (await http.GetAsync(new Uri($"http://127.0.0.1:{port}/health/ready"))).IsSuccessStatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    /// <summary>Caddy with our Caddyfile, its state (autosave) under <paramref name="scratch"/>.</summary>
    private static async Task<HostProcess> StartProxyAsync(ComposeTopology topology, string scratch)
    {
        var port = FreePort.Next();
        var home = Directory.CreateDirectory(Path.Combine(scratch, "caddy")).FullName;
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
    /// A run triggered on each API replica directly reaches the demo admin's hub connection (held by one of them, so
    /// one event crosses replicas by the backplane), is ingested by a worker from the simulator, and the worker's
    /// Succeeded event arrives too. The session cookie from the proxy opens both replicas (one key ring).
    /// </summary>
    private static async Task IngestsTheDemoWithEventsAcrossReplicasAsync(Uri proxy, IEnumerable<HostProcess> apis)
    {
        await using var admin = await DemoAdminSession.StartAsync(proxy);
        admin.CookieNames.Should().Contain("patchhound_affinity", "the proxy pins the hub client to one replica");
        using var viaProxy = admin.Client(proxy);
        var sourceId = (await viaProxy.GetFromJsonAsync<JsonElement>("/api/tenants/demo/sources")).GetProperty("items")[0].GetProperty("id").GetGuid();
        var runs = $"/api/tenants/demo/sources/{sourceId}/runs";

        foreach (var api in apis)
        {
            using var replica = admin.Client(new Uri($"http://127.0.0.1:{api.Port.ToString(CultureInfo.InvariantCulture)}"));
            var runId = await TriggerAsync(replica, runs);
            await admin.WaitForRunEventAsync(runId, "Queued", TimeSpan.FromSeconds(30));
            await admin.WaitForRunEventAsync(runId, "Succeeded", TimeSpan.FromMinutes(3));
            var run = await viaProxy.GetFromJsonAsync<JsonElement>($"{runs}/{runId}");
            run.GetProperty("findingsSeen").GetInt32().Should().BeGreaterThan(0, run.ToString());
        }

        admin.HubState.Should().Be(HubConnectionState.Connected, "every long poll went back to the replica that negotiated");
        await ServesTheWebUiAsync(viaProxy);
    }

    /// <summary>The analysts' pages through the proxy: the demo's findings list, rendered with what was ingested.</summary>
    private static async Task ServesTheWebUiAsync(HttpClient viaProxy)
    {
        using var page = await viaProxy.GetAsync(new Uri("/t/demo/findings", UriKind.Relative));
        var html = await page.Content.ReadAsStringAsync();
        page.StatusCode.Should().Be(HttpStatusCode.OK, html);
        page.Content.Headers.ContentType!.MediaType.Should().Be("text/html");
        html.Should().Contain("CVE-", "the list shows the ingested findings");
        using var script = await viaProxy.GetAsync(new Uri("/_framework/blazor.web.js", UriKind.Relative));
        script.StatusCode.Should().Be(HttpStatusCode.OK, "the image serves the UI's framework script");
    }

    /// <summary>Triggers a run; when the source's schedule started one first, waits for it to end and triggers again.</summary>
    private static async Task<Guid> TriggerAsync(HttpClient api, string runs)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var response = await api.PostAsync(new Uri(runs, UriKind.Relative), null);
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            if (response.StatusCode == HttpStatusCode.Accepted)
            {
                return body.GetProperty("id").GetGuid();
            }

            response.StatusCode.Should().Be(HttpStatusCode.Conflict, body.ToString());
            attempt.Should().BeLessThan(3, body.ToString());
            var active = body.GetProperty("activeRunId").GetGuid();
            await Eventually.HoldsAsync(
                async () => IsFinished(await api.GetFromJsonAsync<JsonElement>($"{runs}/{active}")),
                $"the scheduled run {active} ends",
                TimeSpan.FromMinutes(3));
        }
    }

    private static bool IsFinished(JsonElement run) => run.GetProperty("status").GetString() is "Succeeded" or "DeadLettered" or "Cancelled";

    private static async Task<long> HangfireServersAsync(ComposeTopology topology)
    {
        var owner = topology.Environment("migrate")["ConnectionStrings__PatchHoundMigrations"];
        await using var connection = new NpgsqlConnection(owner);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM hangfire.server", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
