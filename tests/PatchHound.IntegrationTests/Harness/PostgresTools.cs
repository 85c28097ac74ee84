namespace PatchHound.IntegrationTests.Harness;

/// <summary>
/// Finds and runs the PostgreSQL server programs. Debian puts initdb and pg_ctl under /usr/lib/postgresql/N/bin,
/// off PATH, so that is the fallback. PostgreSQL refuses to run as root, so as root they run as the postgres user.
/// </summary>
internal static class PostgresTools
{
    private const string ServiceUser = "postgres";
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(2);

    public static bool MustSwitchUser => Environment.IsPrivilegedProcess;

    /// <summary>Makes a directory usable by the server programs when they have to run as the postgres user.</summary>
    public static async Task GiveToServiceUserAsync(string directory)
    {
        if (MustSwitchUser)
        {
            await ChildProcess.RunCheckedAsync("chown", ["-R", $"{ServiceUser}:{ServiceUser}", directory]);
        }
    }

    public static async Task<ChildProcessResult> RunAsync(string program, IEnumerable<string> arguments, string workingDirectory)
    {
        var (fileName, fullArguments) = Command(program, arguments);
        // The working directory matters: as the postgres user the tools fail in a directory they cannot read.
        return await ChildProcess.RunAsync(fileName, fullArguments, timeout: CommandTimeout, workingDirectory: workingDirectory);
    }

    public static async Task RunCheckedAsync(string program, IEnumerable<string> arguments, string workingDirectory)
    {
        var result = await RunAsync(program, arguments, workingDirectory);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed: {result}");
        }
    }

    /// <summary>The command line for a shell script, switching user when needed.</summary>
    public static string ShellCommand(string program, IEnumerable<string> arguments)
    {
        var (fileName, fullArguments) = Command(program, arguments);
        return ExitWatchdog.Command(fileName, fullArguments);
    }

    private static (string FileName, List<string> Arguments) Command(string program, IEnumerable<string> arguments)
    {
        var path = Find(program);
        return MustSwitchUser
            ? ("runuser", ["-u", ServiceUser, "--", path, .. arguments])
            : (path, [.. arguments]);
    }

    public static string Find(string program)
    {
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, program));
        var debianVersions = Directory.Exists("/usr/lib/postgresql")
            ? Directory.EnumerateDirectories("/usr/lib/postgresql")
                .OrderByDescending(directory => int.TryParse(Path.GetFileName(directory), out var major) ? major : 0)
                .Select(directory => Path.Combine(directory, "bin", program))
            : [];

        return onPath.Concat(debianVersions).FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException(
                $"'{program}' not found on PATH or under /usr/lib/postgresql/*/bin. Install PostgreSQL " +
                $"(apt-get install postgresql) or set {PostgresServer.ExternalServerVariable} to an admin connection string.");
    }
}
