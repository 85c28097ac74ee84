using Microsoft.Extensions.Hosting;

namespace PatchHound.Infrastructure.Persistence;

/// <summary>What kind of process this is, for its connection budget and how its connections are named.</summary>
public static class HostRole
{
    public const string Api = "api";
    public const string Worker = "worker";

    /// <summary><c>PatchHound.Api</c> → <c>api</c>, <c>PatchHound.Worker</c> → <c>worker</c>; other programs by their own name.</summary>
    public static string Of(IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var name = environment.ApplicationName;
        const string prefix = "PatchHound.";
        return (name.StartsWith(prefix, StringComparison.Ordinal) ? name[prefix.Length..] : name).ToLowerInvariant();
    }

    /// <summary>
    /// How this process's connections show in <c>pg_stat_activity.application_name</c>: role and machine (a pod name
    /// under an orchestrator), cut to PostgreSQL's 63 bytes.
    /// </summary>
    public static string DefaultApplicationName(string role)
    {
        var name = $"patchhound-{role}@{Environment.MachineName}";
        return name.Length <= 63 ? name : name[..63];
    }
}
