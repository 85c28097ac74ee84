using PatchHound.IntegrationTests.Harness;

namespace PatchHound.Benchmarks;

/// <summary>The worker processes' output, kept in a temp directory for looking into a slow or failed run.</summary>
internal static class WorkerLogs
{
    private static readonly Lazy<string> Directory = new(() => System.IO.Directory.CreateTempSubdirectory("patchhound-benchmark-").FullName);

    public static string Path => Directory.Value;

    public static void Save(IEnumerable<HostProcess> workers)
    {
        foreach (var worker in workers)
        {
            File.WriteAllText(System.IO.Path.Combine(Path, worker.Name + ".log"), worker.Output);
        }
    }
}
