using System.Collections.Concurrent;
using System.Diagnostics;

namespace PatchHound.IntegrationTests.Harness;

/// <summary>
/// Runs a clean-up shell script when this process ends, however it ends. Exit handlers are not enough: the test
/// runner kills the test host about 100 ms after the last test, long before a server is stopped. The watchdog waits
/// for end of file on a pipe whose write end only this process holds, and the kernel closes it when we die.
/// </summary>
internal sealed class ExitWatchdog : IDisposable
{
    private static readonly TimeSpan CleanUpTimeout = TimeSpan.FromSeconds(30);

    // Rooted here: if the garbage collector finalized the pipe, the clean-up would run while the server is in use.
    private static readonly ConcurrentDictionary<ExitWatchdog, byte> Alive = new();

    private readonly Process process;

    private ExitWatchdog(Process process) => this.process = process;

    public static ExitWatchdog Start(string cleanUpScript)
    {
        // Its own session, ignoring hang-up and interrupt: Ctrl-C on dotnet test must not kill it before it cleans up.
        var startInfo = new ProcessStartInfo("setsid")
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
        };
        string[] arguments = ["sh", "-c", $"cd /; exec >/dev/null 2>&1; trap '' HUP INT TERM; cat >/dev/null; {cleanUpScript}"];
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        var watchdog = new ExitWatchdog(Process.Start(startInfo)!);
        Alive.TryAdd(watchdog, 0);
        return watchdog;
    }

    public static string Quote(string argument) => "'" + argument.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    public static string Command(string fileName, IEnumerable<string> arguments) =>
        string.Join(' ', new[] { fileName }.Concat(arguments).Select(Quote));

    /// <summary>Runs the clean-up now and waits for it.</summary>
    public void Dispose()
    {
        Alive.TryRemove(this, out _);
        process.StandardInput.Close();
        process.WaitForExit(CleanUpTimeout);
        process.Dispose();
    }
}
