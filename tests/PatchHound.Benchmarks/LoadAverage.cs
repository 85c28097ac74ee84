namespace PatchHound.Benchmarks;

/// <summary>The machine's one-minute load average: on a shared machine, what the figures were measured against.</summary>
internal static class LoadAverage
{
    public static string Read()
    {
        try
        {
            return File.ReadAllText("/proc/loadavg").Split(' ')[0];
        }
        catch (IOException)
        {
            return "unknown";
        }
    }
}
