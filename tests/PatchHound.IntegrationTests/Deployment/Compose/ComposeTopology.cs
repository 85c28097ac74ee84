using System.Globalization;
using System.Text.RegularExpressions;
using PatchHound.IntegrationTests.Deployment.Images;
using PatchHound.IntegrationTests.Harness;

namespace PatchHound.IntegrationTests.Deployment.Compose;

/// <summary>
/// The compose stack's services as local processes: each service's environment as compose resolves it, with the
/// compose network's addresses (<c>postgres:5432</c>…) replaced by the loopback ones the test's servers listen on,
/// and each image's entry point (from its Dockerfile) run from the test output.
/// </summary>
internal sealed partial class ComposeTopology(ComposeConfig config, IReadOnlyDictionary<string, string> addresses)
{
    public ComposeConfig Config => config;

    /// <summary>The service's environment; with a port, the one its container would get from ASPNETCORE_HTTP_PORTS.</summary>
    public Dictionary<string, string?> Environment(string service, int? httpPort = null)
    {
        var environment = config.Environment(service).ToDictionary(pair => pair.Key, pair => (string?)Local(pair.Value), StringComparer.Ordinal);
        if (httpPort is { } port)
        {
            environment.Should().ContainKey("ASPNETCORE_HTTP_PORTS", $"{service} is served on the port compose sets");
            environment["ASPNETCORE_HTTP_PORTS"] = port.ToString(CultureInfo.InvariantCulture);
        }

        var unresolved = environment.Where(pair => ComposeAddress().IsMatch(pair.Value ?? "")).Select(pair => pair.Key).ToList();
        unresolved.Should().BeEmpty($"every compose address in {service}'s environment has a local stand-in");
        return environment;
    }

    /// <summary>The image's ENTRYPOINT plus the service's command, as compose runs it; the dll from the test output.</summary>
    public (string FileName, IReadOnlyList<string> Arguments) Command(string service)
    {
        var dockerfile = Path.Combine(RepositoryRoot.Path, (string)config.Service(service)["build"]!["dockerfile"]!);
        var entryPoint = Dockerfile.Parse(File.ReadAllText(dockerfile)).Final.Instructions.Last(instruction => instruction.Keyword == "ENTRYPOINT").Arguments;
        return (entryPoint[0], [.. entryPoint.Skip(1).Select(FromTestOutput), .. config.Strings(service, "command")]);
    }

    /// <summary>The service's health check (<c>CMD</c> form), run with the environment its container has.</summary>
    public Task<ChildProcessResult> HealthCheckAsync(string service, int httpPort)
    {
        var test = config.Service(service)["healthcheck"]!["test"]!.AsArray().Select(item => (string)item!).ToList();
        test[0].Should().Be("CMD");
        return ChildProcess.RunAsync(test[1], test.Skip(2).Select(FromTestOutput), Environment(service, httpPort), TimeSpan.FromSeconds(30), AppContext.BaseDirectory);
    }

    /// <summary>A one-shot service (migrate, seed-demo) run to completion.</summary>
    public Task<ChildProcessResult> RunAsync(string service)
    {
        var (fileName, arguments) = Command(service);
        return ChildProcess.RunAsync(fileName, arguments, Environment(service), TimeSpan.FromMinutes(3), AppContext.BaseDirectory);
    }

    /// <summary>A long-running service as a process serving on the port given (or a free one).</summary>
    public Task<HostProcess> StartAsync(string service, string name, int? httpPort = null)
    {
        var port = httpPort ?? FreePort.Next();
        var (fileName, arguments) = Command(service);
        fileName.Should().Be("dotnet");
        arguments.Should().ContainSingle("{0} runs its host without a command", service);
        return HostProcess.StartAsync(name, arguments[0], Environment(service, port), port);
    }

    // The image's WORKDIR /app holds the published host; here the test output does.
    private static string FromTestOutput(string argument) =>
        argument.EndsWith(".dll", StringComparison.Ordinal) ? Path.Combine(AppContext.BaseDirectory, argument) : argument;

    private string Local(string value) =>
        addresses.Aggregate(value, (current, address) => current.Replace(address.Key, address.Value, StringComparison.Ordinal));

    // A service name of the stack as a host: Host=postgres, redis:6379, http://simulator:8080, api 8080.
    [GeneratedRegex(@"Host=(postgres|redis)\b|\b(postgres|redis|simulator|api|otel-collector|jaeger)(:| )\d+")]
    private static partial Regex ComposeAddress();
}
