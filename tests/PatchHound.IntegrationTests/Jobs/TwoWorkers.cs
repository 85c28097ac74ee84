using Hangfire;
using Hangfire.States;
using PatchHound.IntegrationTests.Harness;
using PatchHound.Jobs.Sweeps;

namespace PatchHound.IntegrationTests.Jobs;

/// <summary>Two worker processes on one test database, and the test's own Hangfire client to give them sweeps.</summary>
internal sealed class TwoWorkers : IAsyncDisposable
{
    private readonly HostProcess first;
    private readonly HostProcess second;
    private readonly TestDatabase database;

    private TwoWorkers(TestDatabase database, HostProcess first, HostProcess second)
    {
        this.database = database;
        this.first = first;
        this.second = second;
        Jobs = new TestJobStorage(database);
    }

    public TestJobStorage Jobs { get; }

    public string Output => first.Output + second.Output;

    public static async Task<TwoWorkers> StartAsync(TestDatabase database)
    {
        var environment = WorkerEnvironment.For(database, new Dictionary<string, string?>
        {
            ["Jobs__Workers__critical"] = "3",
            ["Jobs__Workers__default"] = "3",
        });
        var first = await HostProcess.StartAsync("worker-1", "PatchHound.Worker.dll", environment);
        try
        {
            return new TwoWorkers(database, first, await HostProcess.StartAsync("worker-2", "PatchHound.Worker.dll", environment));
        }
        catch
        {
            await first.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Enqueues every fanned-out sweep <paramref name="runs"/> times at once, waits for them and for the batch jobs they
    /// fanned out, and returns those batch jobs; fails when any of them failed.
    /// </summary>
    public async Task<IReadOnlyList<FannedOutJob>> RunSweepsAsync(int runs)
    {
        var ids = new List<string>();
        for (var i = 0; i < runs; i++)
        {
            ids.Add(Jobs.Client.Create<SlaCheckJob>(j => j.RunAsync(null, CancellationToken.None), new EnqueuedState(SlaCheckJob.Queue)));
            ids.Add(Jobs.Client.Create<WorkflowTimeoutsJob>(j => j.RunAsync(null, CancellationToken.None), new EnqueuedState(WorkflowTimeoutsJob.Queue)));
            ids.Add(Jobs.Client.Create<ApprovalExpiryJob>(j => j.RunAsync(null, CancellationToken.None), new EnqueuedState(ApprovalExpiryJob.Queue)));
            ids.Add(Jobs.Client.Create<ScanSchedulerJob>(j => j.RunAsync(null, CancellationToken.None), new EnqueuedState(ScanSchedulerJob.Queue)));
        }

        foreach (var id in ids)
        {
            (await Jobs.WaitForAnyStateAsync(id, [SucceededState.StateName, DeletedState.StateName, FailedState.StateName], TimeSpan.FromSeconds(90)))
                .Should().BeOneOf([SucceededState.StateName, DeletedState.StateName], Output);
        }

        // The sweeps' effects happen in the batch jobs they fanned out.
        var batches = await new FannedOutJobs(database).WaitForAllAsync(TimeSpan.FromSeconds(90));
        batches.Should().NotBeEmpty().And.OnlyContain(j => j.State == SucceededState.StateName, Output);
        return batches;
    }

    public async ValueTask DisposeAsync()
    {
        await second.DisposeAsync();
        await first.DisposeAsync();
    }
}
