namespace PatchHound.Benchmarks;

/// <summary>
/// Worker configuration for the benchmark: the product defaults (docs/decisions/0003), not the integration tests'
/// one-second polling, so that hop latency is what a deployment gets. Only the recurring dispatcher is parked on a
/// yearly schedule: the benchmark starts runs itself (the API, or triggering the dispatcher once), and a dispatch at
/// the next full minute would add runs nobody measured.
/// </summary>
internal static class WorkerSettings
{
    public static Dictionary<string, string?> For(BenchmarkOptions options)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Jobs__QueuePollInterval"] = "00:00:15",
            ["Jobs__SchedulePollingInterval"] = "00:00:15",
            ["Jobs__InvisibilityTimeout"] = "00:05:00",
            ["Jobs__Leases__Duration"] = "00:02:00",
            ["Jobs__ShutdownTimeout"] = "00:00:30",
            ["Jobs__Schedules__ingestion-dispatch"] = "0 0 1 1 *",
            ["Serilog__MinimumLevel__Default"] = "Information",
            // The simulator's rate limits are off in the benchmark (ScenarioEnvironment), so is the pacing below them.
            ["Defender__RateBudget__Enabled"] = "false",
        };
        foreach (var (key, value) in options.WorkerSettings)
        {
            settings[key] = value;
        }

        return settings;
    }
}
