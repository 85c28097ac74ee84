using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;

namespace PatchHound.IntegrationTests.Harness;

/// <summary>
/// A redis-server child process on a free loopback port, with nothing persisted. <see cref="Instance"/> is shared by
/// the whole run (or is the server named by <c>PATCHHOUND_TEST_REDIS</c>, e.g. <c>127.0.0.1:6379</c>); a test that
/// stops Redis must use its own server from <see cref="StartNewAsync"/> so it does not break tests running beside it.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    public const string ExternalServerVariable = "PATCHHOUND_TEST_REDIS";

    private const int PortAttempts = 3;
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(10);
    private static readonly Lazy<Task<RedisServer>> Shared = new(StartSharedAsync, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly RedisDirectory? directory;
    private readonly ExitWatchdog? watchdog;
    private Process? process;

    private RedisServer(string host, int port, RedisDirectory? directory = null, ExitWatchdog? watchdog = null, string? password = null)
    {
        Host = host;
        Port = port;
        this.directory = directory;
        this.watchdog = watchdog;
        Password = password;
    }

    /// <summary>The shared server; <c>await RedisServer.Instance</c>. It lives until the test process ends.</summary>
    public static Task<RedisServer> Instance => Shared.Value;

    public string Host { get; }

    public int Port { get; }

    /// <summary>The password clients must AUTH with (<c>requirepass</c>), or none.</summary>
    public string? Password { get; }

    /// <summary>StackExchange.Redis configuration string: <c>host:port</c>, and the password when there is one.</summary>
    public string ConnectionString => Password is null ? Address : $"{Address},password={Password}";

    /// <summary><c>host:port</c>.</summary>
    public string Address => $"{Host}:{Port.ToString(CultureInfo.InvariantCulture)}";

    public bool IsExternal => directory is null;

    public bool IsRunning => process is { HasExited: false };

    /// <summary>A dedicated local server, owned (and disposed) by the caller; with a password, clients must AUTH.</summary>
    public static async Task<RedisServer> StartNewAsync(string? password = null)
    {
        var directory = RedisDirectory.Create();
        var watchdog = ExitWatchdog.Start(directory.CleanUpScript());
        for (var attempt = 1; ; attempt++)
        {
            var server = new RedisServer("127.0.0.1", FreePort.Next(), directory, watchdog, password);
            try
            {
                await server.StartAsync();
                return server;
            }
            catch (InvalidOperationException) when (attempt < PortAttempts && directory.ReadLog().Contains("Address already in use", StringComparison.Ordinal))
            {
                // Another process took the free port between probing and binding: try a new one.
            }
            catch
            {
                watchdog.Dispose();
                throw;
            }
        }
    }

    /// <summary>Starts the server (again) on its port and waits until it answers PING.</summary>
    public async Task StartAsync()
    {
        var local = LocalDirectory();
        if (IsRunning)
        {
            return;
        }

        process = Process.Start(local.StartInfo(Port, Password))!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await WaitUntilReadyAsync(process, local);
    }

    /// <summary>Kills the server, as a crash would; <see cref="StartAsync"/> brings it back on the same port.</summary>
    public void Stop()
    {
        var local = LocalDirectory();
        if (process is null)
        {
            return;
        }

        process.Kill(entireProcessTree: true);
        process.WaitForExit(StopTimeout);
        process.Dispose();
        process = null;
        local.ForgetPid();
    }

    /// <summary>Sends PING over a raw socket and returns the reply line, <c>+PONG</c> when healthy.</summary>
    public Task<string> PingAsync(CancellationToken cancellationToken = default) =>
        RedisPing.SendAsync(Host, Port, Password, cancellationToken);

    /// <summary>Stops a dedicated server and deletes its directory.</summary>
    public ValueTask DisposeAsync()
    {
        if (watchdog is not null)
        {
            Stop();
            watchdog.Dispose();
        }

        return ValueTask.CompletedTask;
    }

    private static async Task<RedisServer> StartSharedAsync()
    {
        var external = Environment.GetEnvironmentVariable(ExternalServerVariable);
        if (string.IsNullOrWhiteSpace(external))
        {
            return await StartNewAsync();
        }

        var separator = external.LastIndexOf(':');
        return separator < 0
            ? new RedisServer(external, 6379)
            : new RedisServer(external[..separator], int.Parse(external[(separator + 1)..], CultureInfo.InvariantCulture));
    }

    private RedisDirectory LocalDirectory() =>
        directory ?? throw new NotSupportedException(
            $"Redis at {ConnectionString} is external ({ExternalServerVariable}); the tests cannot start or stop it.");

    private async Task WaitUntilReadyAsync(Process server, RedisDirectory local)
    {
        var deadline = DateTime.UtcNow + ReadyTimeout;
        while (true)
        {
            if (server.HasExited)
            {
                throw new InvalidOperationException($"redis-server exited with {server.ExitCode} on port {Port}: {local.ReadLog()}");
            }

            try
            {
                if (await PingAsync() == "+PONG")
                {
                    return;
                }
            }
            catch (Exception e) when (e is IOException or SocketException)
            {
                // Not listening yet.
            }

            if (DateTime.UtcNow > deadline)
            {
                Stop();
                throw new InvalidOperationException($"redis-server did not answer PING on port {Port} within {ReadyTimeout}: {local.ReadLog()}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50));
        }
    }
}
