using System.Globalization;

namespace PatchHound.IntegrationTests.Harness;

/// <summary>
/// A throw-away PostgreSQL cluster in a fresh temp directory, tuned for tests (no fsync), on a free loopback port.
/// It is stopped and deleted when the test process ends.
/// </summary>
internal sealed class LocalPostgresCluster
{
    private const string DirectoryPrefix = "patchhound-pg-";
    private const int PortAttempts = 3;

    private LocalPostgresCluster(int port) => Port = port;

    public int Port { get; }

    public string AdminConnectionString =>
        $"Host=127.0.0.1;Port={Port.ToString(CultureInfo.InvariantCulture)};Username=postgres;Database=postgres;Include Error Detail=true";

    /// <summary>Starts a cluster; <paramref name="firstHbaRules"/> go before initdb's trust rules (first match wins).</summary>
    public static async Task<LocalPostgresCluster> StartAsync(IReadOnlyList<string>? firstHbaRules = null)
    {
        await StopAbandonedClustersAsync();
        var root = ScratchDirectory.Create(DirectoryPrefix);
        var dataDirectory = Path.Combine(root, "data");
        var watchdog = ExitWatchdog.Start(
            $"{PostgresTools.ShellCommand("pg_ctl", StopArguments(dataDirectory))}; rm -rf {ExitWatchdog.Quote(root)}");
        try
        {
            await PostgresTools.GiveToServiceUserAsync(root);
            await PostgresTools.RunCheckedAsync(
                "initdb",
                ["-D", dataDirectory, "-U", "postgres", "-E", "UTF8", "--locale=C", "--auth=trust", "--no-sync"],
                root);
            await File.AppendAllTextAsync(Path.Combine(dataDirectory, "postgresql.conf"), Settings(root));
            if (firstHbaRules is { Count: > 0 })
            {
                var hba = Path.Combine(dataDirectory, "pg_hba.conf");
                await File.WriteAllTextAsync(hba, string.Join('\n', firstHbaRules) + "\n" + await File.ReadAllTextAsync(hba));
            }

            return await StartOnFreePortAsync(root, dataDirectory);
        }
        catch
        {
            watchdog.Dispose();
            throw;
        }
    }

    private static async Task<LocalPostgresCluster> StartOnFreePortAsync(string root, string dataDirectory)
    {
        var logFile = Path.Combine(root, "postgres.log");
        for (var attempt = 1; ; attempt++)
        {
            var port = FreePort.Next();
            var result = await PostgresTools.RunAsync(
                "pg_ctl",
                ["start", "-w", "-t", "60", "-D", dataDirectory, "-l", logFile, "-o", $"-p {port}"],
                root);
            if (result.ExitCode == 0)
            {
                return new LocalPostgresCluster(port);
            }

            var log = File.Exists(logFile) ? await File.ReadAllTextAsync(logFile) : string.Empty;
            // Another process may take the free port between probing and binding: try a new one.
            if (attempt == PortAttempts || !log.Contains("could not bind", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"pg_ctl start failed: {result}{Environment.NewLine}server log:{Environment.NewLine}{log}");
            }
        }
    }

    private static string Settings(string socketDirectory) =>
        $"""

        # PatchHound integration tests: durability off, the cluster is thrown away after the run.
        listen_addresses = '127.0.0.1'
        unix_socket_directories = '{socketDirectory}'
        fsync = off
        synchronous_commit = off
        full_page_writes = off
        max_connections = 300
        shared_buffers = 128MB
        """;

    // No checkpoint: the data is thrown away.
    private static string[] StopArguments(string dataDirectory) => ["stop", "-m", "immediate", "-w", "-D", dataDirectory];

    /// <summary>Fallback for clusters whose watchdog did not get to run (e.g. it was killed too).</summary>
    private static async Task StopAbandonedClustersAsync()
    {
        foreach (var root in ScratchDirectory.FindAbandoned(DirectoryPrefix))
        {
            var dataDirectory = Path.Combine(root, "data");
            if (ScratchDirectory.ReadPid(Path.Combine(dataDirectory, "postmaster.pid")) is { } pid
                && ScratchDirectory.IsRunning(pid, "postgres"))
            {
                await PostgresTools.RunAsync("pg_ctl", StopArguments(dataDirectory), Path.GetTempPath());
            }

            ScratchDirectory.DeleteQuietly(root);
        }
    }
}
