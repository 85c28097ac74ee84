using System.Diagnostics;
using Hangfire;
using Hangfire.States;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using PatchHound.Core.Ai;
using PatchHound.Infrastructure.Persistence;
using PatchHound.IntegrationTests.Ai;
using PatchHound.IntegrationTests.Harness;
using PatchHound.Jobs.Ai;

namespace PatchHound.IntegrationTests.Jobs;

/// <summary>
/// The AI sweep's batch for one tenant made slow by a slow provider: it outlives Hangfire's lock
/// (DistributedLockTimeout 1 s) and the next batches enqueued for the same tenant, so Hangfire alone would run two at
/// once; the tenant's lease must not let it.
/// </summary>
public sealed class LongJobLeaseTests(AiDatabaseFixture fixture) : IClassFixture<AiDatabaseFixture>
{
    private static readonly TimeSpan LeaseDuration = TimeSpan.FromSeconds(3);
    private int inFlight;
    private int maxInFlight;

    [Fact]
    public async Task A_job_outliving_hangfires_lock_never_runs_twice_at_once_and_a_killed_holder_blocks_it_no_longer_than_its_lease()
    {
        await using var llm = await SlowProviderAsync(TimeSpan.FromSeconds(1));
        var tenantId = await fixture.CreateTenantAsync();
        await fixture.AddRequestsAsync(tenantId, 12);
        var environment = WorkerEnvironment.For(fixture.Database, new Dictionary<string, string?>
        {
            ["Ai__Enabled"] = "true",
            ["Ai__Provider"] = "Ollama",
            ["Ai__BaseUrl"] = llm.BaseUrl.ToString(),
            ["Ai__Model"] = "llama3",
            ["Ai__Timeout"] = "00:00:05",
            ["Ai__ClaimTimeout"] = "00:00:10",
            ["Jobs__DistributedLockTimeout"] = "00:00:01",
            ["Jobs__Leases__Duration"] = LeaseDuration.ToString(),
        });
        await using var first = await HostProcess.StartAsync("worker-1", "PatchHound.Worker.dll", environment);
        await using var second = await HostProcess.StartAsync("worker-2", "PatchHound.Worker.dll", environment);
        var jobs = new TestJobStorage(fixture.Database);
        using var enqueueing = new CancellationTokenSource();
        var enqueuer = Task.Run(async () =>
        {
            while (!enqueueing.IsCancellationRequested)
            {
                jobs.Client.Create<AiRemediationSweepJob>(j => j.RunTenantsAsync(new[] { tenantId }, null, CancellationToken.None), new EnqueuedState("ai"));
                await Task.Delay(TimeSpan.FromMilliseconds(500));
            }
        });

        var holder = await WaitForLeaseHolderAsync(tenantId, except: null, TimeSpan.FromSeconds(30));
        await Task.Delay(TimeSpan.FromSeconds(3));
        var victim = holder!.Contains($":{first.ProcessId}:", StringComparison.Ordinal) ? first : second;
        var survivor = victim == first ? second : first;
        victim.Kill();
        var killedAt = Stopwatch.StartNew();
        var successor = await WaitForLeaseHolderAsync(tenantId, except: holder, TimeSpan.FromSeconds(30));
        var blockedFor = killedAt.Elapsed;
        var completed = await WaitForCompletedAsync(tenantId, 12, TimeSpan.FromSeconds(90));
        await enqueueing.CancelAsync();
        await enqueuer;

        maxInFlight.Should().Be(1, "the tenant's requests were never answered on two workers at once");
        successor.Should().Contain($":{survivor.ProcessId}:", survivor.Output);
        blockedFor.Should().BeLessThan(LeaseDuration + TimeSpan.FromSeconds(3), "the dead holder's lease expires after its duration");
        completed.Should().Be(12, "the survivor also took back the claim the killed worker held");
        (first.Output + second.Output).Should().Contain("skipped: another worker answers this tenant's requests",
            "overlapping batches of the tenant were turned away by its lease");
    }

    private async Task<FakeChatCompletionsServer> SlowProviderAsync(TimeSpan delay)
    {
        var llm = await FakeChatCompletionsServer.StartAsync();
        llm.Reply = async (_, token) =>
        {
            var now = Interlocked.Increment(ref inFlight);
            InterlockedMax(ref maxInFlight, now);
            try
            {
                await Task.Delay(delay, token);
                return ChatReplies.Answer(FakeChatCompletionsServer.DefaultAnswer);
            }
            finally
            {
                Interlocked.Decrement(ref inFlight);
            }
        };
        return llm;
    }

    private async Task<string?> WaitForLeaseHolderAsync(Guid tenantId, string? except, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            await using var connection = new NpgsqlConnection(fixture.Database.OwnerConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(
                "SELECT owner FROM job_leases WHERE key = $1 AND expires_at >= now()", connection);
            command.Parameters.Add(new NpgsqlParameter { Value = AiRemediationSweepJob.TenantLeaseKey(tenantId) });
            if (await command.ExecuteScalarAsync() is string owner && owner != except)
            {
                return owner;
            }

            await Task.Delay(100);
        }

        return null;
    }

    private async Task<int> WaitForCompletedAsync(Guid tenantId, int expected, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        int completed;
        do
        {
            await Task.Delay(500);
            await using var db = fixture.Database.OwnerContext();
            completed = await db.AiRemediationRequests.IgnoreQueryFilters([TenantQueryFilter.Name])
                .CountAsync(r => r.TenantId == tenantId && r.Status == AiRemediationStatus.Completed);
        }
        while (completed < expected && DateTime.UtcNow < deadline);
        return completed;
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while (value > (current = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
