using System.Diagnostics;
using System.Globalization;

namespace PatchHound.IntegrationTests.Harness;

/// <summary>
/// A fresh temp directory per test run for a throw-away server, stamped with the owning process id. A run that was
/// killed never reaches its exit handler, so the next run finds its directories by that stamp and cleans them up.
/// </summary>
internal static class ScratchDirectory
{
    private const string OwnerFileName = "owner.pid";

    public static string Create(string prefix)
    {
        var path = Directory.CreateTempSubdirectory(prefix).FullName;
        File.WriteAllText(
            Path.Combine(path, OwnerFileName),
            Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        return path;
    }

    /// <summary>Directories with the prefix whose owning process is gone.</summary>
    public static IEnumerable<string> FindAbandoned(string prefix) =>
        Directory.EnumerateDirectories(Path.GetTempPath(), prefix + "*")
            .Where(path => ReadPid(Path.Combine(path, OwnerFileName)) is { } owner && !IsRunning(owner))
            .ToList();

    public static int? ReadPid(string pidFile)
    {
        try
        {
            // postmaster.pid and redis pid files both start with the pid on the first line.
            var firstLine = File.ReadLines(pidFile).FirstOrDefault();
            return int.TryParse(firstLine, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    public static bool IsRunning(int pid, string? processName = null)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited && (processName is null || process.ProcessName.StartsWith(processName, StringComparison.Ordinal));
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    public static void DeleteQuietly(string path)
    {
        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A leftover temp directory is harmless; the next run sweeps it again.
        }
    }
}
