using System.Diagnostics;
using System.Text;

namespace PatchHound.IntegrationTests.Harness;

/// <summary>
/// A PatchHound host (worker or API), or a program in front of one, running as a real child process, for tests of what two processes do to one
/// database. Output is captured for the failure message. <see cref="Kill"/> is kill -9; disposing stops it gracefully.
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();

    private HostProcess(string name, Process process, int port)
    {
        Name = name;
        this.process = process;
        Port = port;
    }

    public string Name { get; }

    public int Port { get; }

    public int ProcessId => process.Id;

    public bool HasExited => process.HasExited;

    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    /// <param name="name">What the failure messages call this process.</param>
    /// <param name="assembly">The host's dll in the test output, e.g. <c>PatchHound.Worker.dll</c>.</param>
    /// <param name="environment">Configuration as environment variables (<c>Jobs__QueuePollInterval</c>…).</param>
    /// <param name="port">The loopback port to serve on; a free one when not given.</param>
    public static Task<HostProcess> StartAsync(string name, string assembly, IReadOnlyDictionary<string, string?> environment, int? port = null)
    {
        var listen = port ?? FreePort.Next();
        var defaults = new Dictionary<string, string?>
        {
            ["DOTNET_ENVIRONMENT"] = "Testing",
            ["ASPNETCORE_ENVIRONMENT"] = "Testing",
        };
        return StartProgramAsync(
            name,
            "dotnet",
            [Path.Combine(AppContext.BaseDirectory, assembly), "--urls", $"http://127.0.0.1:{listen}"],
            defaults.Concat(environment).GroupBy(pair => pair.Key).ToDictionary(group => group.Key, group => group.Last().Value),
            listen);
    }

    /// <summary>Any program serving <c>/health/live</c> on <paramref name="port"/> (e.g. a proxy in front of a host).</summary>
    public static async Task<HostProcess> StartProgramAsync(
        string name, string fileName, IEnumerable<string> arguments, IReadOnlyDictionary<string, string?> environment, int port)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment)
        {
            startInfo.Environment[key] = value;
        }

        var process = new Process { StartInfo = startInfo };
        var host = new HostProcess(name, process, port);
        process.OutputDataReceived += (_, e) => host.Append(e.Data);
        process.ErrorDataReceived += (_, e) => host.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await host.WaitUntilLiveAsync(TimeSpan.FromSeconds(60));
        return host;
    }

    /// <summary>kill -9: no shutdown code runs, leases and fetched jobs are left behind as after a crash.</summary>
    public void Kill()
    {
        process.Kill(entireProcessTree: true);
        process.WaitForExit(10_000);
    }

    /// <summary>SIGTERM, as an orchestrator stops a replica; returns the exit code.</summary>
    public async Task<int> StopAsync(TimeSpan timeout)
    {
        if (!process.HasExited)
        {
            using var term = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            await term.WaitForExitAsync();
        }

        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
            throw new TimeoutException($"{Name} did not stop within {timeout}.{Environment.NewLine}{Output}");
        }

        return process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            try
            {
                await StopAsync(TimeSpan.FromSeconds(60));
            }
            catch (TimeoutException)
            {
                // Killed; the output is in the exception nobody observes here.
            }
        }

        process.Dispose();
    }

    private async Task WaitUntilLiveAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited with {process.ExitCode} while starting.{Environment.NewLine}{Output}");
            }

            try
            {
                if ((await http.GetAsync(new Uri($"http://127.0.0.1:{Port}/health/live"))).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(200);
        }

        Kill();
        throw new TimeoutException($"{Name} was not live within {timeout}.{Environment.NewLine}{Output}");
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }
}
