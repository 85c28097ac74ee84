using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using PatchHound.IntegrationTests.Harness;
using PatchHound.ServiceDefaults;

namespace PatchHound.IntegrationTests.Deployment.Images;

public sealed class HealthProbeTests
{
    [Fact]
    public async Task Exits_0_when_the_host_is_live()
    {
        await using var host = await StartAsync(app => app.MapHealthEndpoints());

        (await HealthProbe.RunAsync(HealthProbe.LiveUri(host.Port.ToString(CultureInfo.InvariantCulture)))).Should().Be(0);
    }

    [Fact]
    public async Task Exits_1_when_liveness_fails_or_nothing_listens()
    {
        await using var host = await StartAsync(app => app.MapGet("/health/live", () => Results.StatusCode(503)));

        (await HealthProbe.RunAsync(new Uri($"http://127.0.0.1:{host.Port}/health/live"))).Should().Be(1);
        (await HealthProbe.RunAsync(new Uri($"http://127.0.0.1:{FreePort.Next()}/health/live"))).Should().Be(1);
    }

    /// <summary>The command as the image's HEALTHCHECK runs it: the host's own binary, before any of its configuration.</summary>
    [Theory]
    [MemberData(nameof(DockerfileTests.Hosts), MemberType = typeof(DockerfileTests))]
    public async Task The_host_binary_runs_the_probe_against_the_port_it_is_given(string host)
    {
        await using var live = await StartAsync(app => app.MapHealthEndpoints());
        var assembly = Path.Combine(AppContext.BaseDirectory, $"{new HostProject(host).AssemblyName}.dll");

        var up = await ProbeAsync(assembly, live.Port);
        var down = await ProbeAsync(assembly, FreePort.Next());

        up.ExitCode.Should().Be(0, up.ToString());
        down.ExitCode.Should().Be(1, down.ToString());
        down.StandardError.Should().Contain("/health/live");
    }

    [Theory]
    [InlineData(null, 8080)]
    [InlineData("", 8080)]
    [InlineData("5080", 5080)]
    [InlineData(" 9000 ; 9001", 9000)]
    public void Probes_the_first_configured_http_port(string? httpPorts, int port) =>
        HealthProbe.LiveUri(httpPorts).Should().Be(new Uri($"http://127.0.0.1:{port}/health/live"));

    [Theory]
    [InlineData(new[] { "healthcheck" }, true)]
    [InlineData(new[] { "migrate" }, false)]
    [InlineData(new[] { "healthcheck", "extra" }, false)]
    [InlineData(new string[0], false)]
    public void Only_the_bare_command_runs_the_probe(string[] args, bool requested) =>
        HealthProbe.IsRequested(args).Should().Be(requested);

    private static Task<ChildProcessResult> ProbeAsync(string assembly, int port) =>
        ChildProcess.RunAsync(
            "dotnet",
            [assembly, HealthProbe.Command],
            new Dictionary<string, string?> { ["ASPNETCORE_HTTP_PORTS"] = port.ToString(CultureInfo.InvariantCulture) },
            TimeSpan.FromSeconds(30),
            workingDirectory: AppContext.BaseDirectory);

    private static async Task<LocalHost> StartAsync(Action<WebApplication> map)
    {
        var port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.AddServiceDefaults();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        map(app);
        await app.StartAsync();
        return new LocalHost(app, port);
    }

    private sealed record LocalHost(WebApplication App, int Port) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => App.DisposeAsync();
    }
}
