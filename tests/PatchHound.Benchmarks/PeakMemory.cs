using System.Globalization;

namespace PatchHound.Benchmarks;

/// <summary>
/// A worker process's peak resident set (VmHWM in /proc/{pid}/status). Writing 5 to /proc/{pid}/clear_refs resets
/// the high-water mark to the current RSS, so that each run gets its own peak in a long-lived worker.
/// </summary>
internal static class PeakMemory
{
    public static bool TryReset(int processId)
    {
        try
        {
            File.WriteAllText($"/proc/{processId}/clear_refs", "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Peak RSS in MiB, or null where /proc is not available.</summary>
    public static double? ReadMegabytes(int processId)
    {
        try
        {
            var line = File.ReadLines($"/proc/{processId}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            var kilobytes = line?.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
            return kilobytes is null ? null : long.Parse(kilobytes, CultureInfo.InvariantCulture) / 1024.0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
