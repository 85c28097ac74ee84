using Hangfire.Server;

namespace PatchHound.Jobs.Platform;

/// <summary>
/// Progress an operator reads on the job's page in the dashboard (Hangfire.Console is not available here): a job
/// parameter, overwritten as the job advances and rendered by the API's job-details renderer.
/// </summary>
public static class JobProgress
{
    public const string ParameterName = "Progress";

    public static void Report(PerformContext? job, string progress) =>
        job?.SetJobParameter(ParameterName, $"{DateTimeOffset.UtcNow:HH:mm:ss}Z {progress}");
}
