using System.Diagnostics;
using System.Globalization;

namespace PatchHound.IntegrationTests.Harness;

/// <summary>Where a local test redis-server keeps its pid file and log, and how it is launched and cleaned up.</summary>
internal sealed class RedisDirectory
{
    private const string Prefix = "patchhound-redis-";

    private RedisDirectory(string path) => Path = path;

    public string Path { get; }

    private string PidFile => System.IO.Path.Combine(Path, "redis.pid");

    private string LogFile => System.IO.Path.Combine(Path, "redis.log");

    public static RedisDirectory Create()
    {
        KillAbandonedServers();
        return new RedisDirectory(ScratchDirectory.Create(Prefix));
    }

    /// <summary>Kills the server named by the pid file, if it is still a redis-server, then deletes the directory.</summary>
    public string CleanUpScript()
    {
        var pidFile = ExitWatchdog.Quote(PidFile);
        return $"pid=$(cat {pidFile} 2>/dev/null); " +
            "[ -n \"$pid\" ] && [ \"$(cat /proc/$pid/comm 2>/dev/null)\" = redis-server ] && kill -9 \"$pid\"; " +
            $"rm -rf {ExitWatchdog.Quote(Path)}";
    }

    /// <summary>After a stop: a stale pid file could point the clean-up at an unrelated process that reused the pid.</summary>
    public void ForgetPid() => File.Delete(PidFile);

    public string ReadLog() => File.Exists(LogFile) ? File.ReadAllText(LogFile) : string.Empty;

    public ProcessStartInfo StartInfo(int port, string? password = null)
    {
        var startInfo = new ProcessStartInfo("redis-server")
        {
            UseShellExecute = false,
            // Own pipes rather than the test host's: an orphaned server must not hold the runner's output open.
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path,
        };
        string[] arguments =
        [
            "--port", port.ToString(CultureInfo.InvariantCulture),
            "--bind", "127.0.0.1",
            "--save", "",
            "--appendonly", "no",
            "--daemonize", "no",
            "--dir", Path,
            "--pidfile", PidFile,
            "--logfile", LogFile,
            .. password is null ? Array.Empty<string>() : ["--requirepass", password],
        ];
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        return startInfo;
    }

    /// <summary>Fallback for servers whose exit watchdog did not get to run (e.g. it was killed too).</summary>
    private static void KillAbandonedServers()
    {
        foreach (var abandoned in ScratchDirectory.FindAbandoned(Prefix))
        {
            if (ScratchDirectory.ReadPid(new RedisDirectory(abandoned).PidFile) is { } pid
                && ScratchDirectory.IsRunning(pid, "redis-server"))
            {
                using var orphan = Process.GetProcessById(pid);
                orphan.Kill();
            }

            ScratchDirectory.DeleteQuietly(abandoned);
        }
    }
}
