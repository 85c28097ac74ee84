using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using Npgsql;

namespace PatchHound.IntegrationTests.Harness;

/// <summary>
/// A real PgBouncer (<c>/usr/sbin/pgbouncer</c>, Debian's <c>pgbouncer</c> package) in <c>pool_mode = transaction</c>
/// on a free loopback port in front of the run's PostgreSQL, as Azure Flexible Server's built-in pooler stands in front
/// of its server: each transaction of a client may run on another of the few server connections. Its config and
/// user list live in a temp directory; disposing (or the end of the test process) stops it.
/// </summary>
public sealed class PgBouncerServer : IAsyncDisposable
{
    private const string DirectoryPrefix = "patchhound-pgbouncer-";
    private const string Program = "/usr/sbin/pgbouncer";
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(20);

    private readonly Process process;
    private readonly string directory;
    private readonly ExitWatchdog watchdog;

    private PgBouncerServer(Process process, string directory, ExitWatchdog watchdog, int port)
    {
        this.process = process;
        this.directory = directory;
        this.watchdog = watchdog;
        Port = port;
    }

    public int Port { get; }

    /// <summary>
    /// Starts one with <paramref name="serverConnections"/> server connections per database and user: a small number
    /// makes clients' transactions share server connections, the case a session-scoped setting leaks in.
    /// </summary>
    public static async Task<PgBouncerServer> StartAsync(int serverConnections)
    {
        if (!File.Exists(Program))
        {
            throw new InvalidOperationException($"{Program} not found: apt-get install pgbouncer");
        }

        var server = new NpgsqlConnectionStringBuilder((await PostgresServer.Instance).AdminConnectionString);
        var directory = ScratchDirectory.Create(DirectoryPrefix);
        var port = FreePort.Next();
        var users = new[] { (server.Username ?? "postgres", server.Password ?? string.Empty), (SchemaSetup.AppLogin, SchemaSetup.AppPassword) };
        await File.WriteAllLinesAsync(Path.Combine(directory, "userlist.txt"), users.Select(u => $"\"{u.Item1}\" \"{u.Item2}\""));
        await File.WriteAllTextAsync(Path.Combine(directory, "pgbouncer.ini"), $"""
            [databases]
            * = host={server.Host} port={server.Port.ToString(CultureInfo.InvariantCulture)}

            [pgbouncer]
            listen_addr = 127.0.0.1
            listen_port = {port.ToString(CultureInfo.InvariantCulture)}
            unix_socket_dir =
            auth_type = plain
            auth_file = {Path.Combine(directory, "userlist.txt")}
            pool_mode = transaction
            default_pool_size = {serverConnections.ToString(CultureInfo.InvariantCulture)}
            max_client_conn = 500
            ignore_startup_parameters = extra_float_digits
            """);
        await PostgresTools.GiveToServiceUserAsync(directory);

        var (fileName, arguments) = PostgresTools.MustSwitchUser
            ? ("runuser", new[] { "-u", "postgres", "--", Program, "pgbouncer.ini" })
            : (Program, new[] { "pgbouncer.ini" });
        var startInfo = new ProcessStartInfo(fileName)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = directory,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        var process = Process.Start(startInfo)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var watchdog = ExitWatchdog.Start($"kill {process.Id.ToString(CultureInfo.InvariantCulture)}; rm -rf {ExitWatchdog.Quote(directory)}");
        var bouncer = new PgBouncerServer(process, directory, watchdog, port);
        await bouncer.WaitUntilListeningAsync();
        return bouncer;
    }

    /// <summary><paramref name="direct"/> (a connection string to PostgreSQL) pointed at this PgBouncer instead.</summary>
    public string Through(string direct) =>
        new NpgsqlConnectionStringBuilder(direct) { Host = "127.0.0.1", Port = Port }.ConnectionString;

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
        watchdog.Dispose();
        ScratchDirectory.DeleteQuietly(directory);
    }

    private async Task WaitUntilListeningAsync()
    {
        var deadline = DateTime.UtcNow + ReadyTimeout;
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"pgbouncer exited with {process.ExitCode} (config in {directory})");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", Port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }
        }
    }
}
