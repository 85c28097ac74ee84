using PatchHound.IntegrationTests.Harness;

namespace PatchHound.IntegrationTests.Jobs;

/// <summary>Configuration of a worker process on a test database, with polling tuned for tests.</summary>
internal static class WorkerEnvironment
{
    public static Dictionary<string, string?> For(TestDatabase database, IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var environment = new Dictionary<string, string?>
        {
            ["ConnectionStrings__PatchHound"] = database.AppConnectionString(),
            ["Jobs__QueuePollInterval"] = "00:00:01",
            ["Jobs__SchedulePollingInterval"] = "00:00:01",
            ["Jobs__ShutdownTimeout"] = "00:00:10",
            ["Serilog__MinimumLevel__Default"] = "Information",
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            environment[key] = value;
        }

        return environment;
    }
}
