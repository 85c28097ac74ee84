using Hangfire.Server;
using Serilog.Context;

namespace PatchHound.Jobs.Platform;

/// <summary>Puts the Hangfire job id and job name on every log event the job writes.</summary>
internal sealed class JobLogScopeFilter : Hangfire.Common.JobFilterAttribute, IServerFilter
{
    private const string ScopeKey = "patchhound.log-scope";

    public void OnPerforming(PerformingContext context)
    {
        var job = context.BackgroundJob;
        context.Items[ScopeKey] = new Scope(
            LogContext.PushProperty("JobId", job.Id),
            LogContext.PushProperty("Job", $"{job.Job?.Type.Name}.{job.Job?.Method.Name}"));
    }

    public void OnPerformed(PerformedContext context)
    {
        if (context.Items.TryGetValue(ScopeKey, out var scope))
        {
            ((IDisposable)scope).Dispose();
        }
    }

    private sealed class Scope(IDisposable id, IDisposable name) : IDisposable
    {
        public void Dispose()
        {
            name.Dispose();
            id.Dispose();
        }
    }
}
