namespace PatchHound.Jobs.Platform;

/// <summary>
/// Hangfire queues. Each has its own server and workers in the worker host, so a flood in one (ingestion) cannot
/// starve another (SLA checks): Hangfire fetches a server's queues in alphabetical order, never fairly.
/// </summary>
public static class JobQueues
{
    public const string Critical = "critical";
    public const string Default = "default";
    public const string Ingestion = "ingestion";
    public const string Ai = "ai";

    public static IReadOnlyList<string> All { get; } = [Critical, Default, Ingestion, Ai];
}
