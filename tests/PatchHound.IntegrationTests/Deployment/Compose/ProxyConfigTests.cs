using System.Text.Json.Nodes;
using PatchHound.IntegrationTests.Harness;

namespace PatchHound.IntegrationTests.Deployment.Compose;

/// <summary>deploy/selfhosted/Caddyfile as the real Caddy (Debian's caddy, installed by test.sh) adapts it.</summary>
public sealed class ProxyConfigTests
{
    public static string Caddyfile => Path.Combine(RepositoryRoot.Path, "deploy", "selfhosted", "Caddyfile");

    [Fact]
    public async Task Hub_requests_are_pinned_to_one_replica_by_cookie_and_the_rest_go_round_robin()
    {
        var upstreams = (await ComposeConfig.LoadAsync()).Environment("proxy")["PATCHHOUND_API_UPSTREAMS"];

        var server = (await AdaptAsync(upstreams))["apps"]!["http"]!["servers"]!["srv0"]!;
        var routes = server["routes"]!.AsArray();

        server["listen"]!.AsArray().Select(address => (string)address!).Should().Equal("0.0.0.0:8080");
        routes.Should().HaveCount(2);
        routes[0]!["match"]![0]!["path"]!.AsArray().Select(path => (string)path!).Should().Equal("/hubs/*");
        var hubs = ReverseProxy(routes[0]!);
        var rest = ReverseProxy(routes[1]!);
        hubs["load_balancing"]!["selection_policy"]!.ToJsonString().Should().Be("""{"name":"patchhound_affinity","policy":"cookie"}""");
        rest["load_balancing"]!["selection_policy"]!["policy"]!.GetValue<string>().Should().Be("round_robin");
        foreach (var proxy in new[] { hubs, rest })
        {
            proxy["dynamic_upstreams"]!.ToJsonString().Should().Be("""{"name":"api","port":"8080","source":"a"}""");
            proxy["trusted_proxies"]!.AsArray().Select(range => (string)range!).Should().Contain("10.0.0.0/8").And.NotContain("0.0.0.0/0");
        }
    }

    [Fact]
    public async Task Static_upstreams_fit_the_same_file()
    {
        var routes = (await AdaptAsync("to 127.0.0.1:5001 127.0.0.1:5002"))["apps"]!["http"]!["servers"]!["srv0"]!["routes"]!.AsArray();

        ReverseProxy(routes[0]!)["upstreams"]!.AsArray().Select(upstream => (string)upstream!["dial"]!)
            .Should().Equal("127.0.0.1:5001", "127.0.0.1:5002");
    }

    internal static async Task<JsonObject> AdaptAsync(string upstreams)
    {
        var result = await ChildProcess.RunAsync(
            "caddy",
            ["adapt", "--config", Caddyfile, "--adapter", "caddyfile"],
            new Dictionary<string, string?> { ["PATCHHOUND_API_UPSTREAMS"] = upstreams });
        result.ExitCode.Should().Be(0, result.ToString());
        return JsonNode.Parse(result.StandardOutput)!.AsObject();
    }

    private static JsonNode ReverseProxy(JsonNode route) =>
        route["handle"]![0]!["routes"]![0]!["handle"]![0]!;
}
