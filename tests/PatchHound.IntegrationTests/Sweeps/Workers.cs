using Microsoft.EntityFrameworkCore;
using PatchHound.Infrastructure.Persistence;

namespace PatchHound.IntegrationTests.Sweeps;

internal static class Workers
{
    /// <summary>
    /// Runs the same sweep from <paramref name="count"/> workers at once, each with its own DbContext (so its own
    /// connection and transactions), as worker replicas would. Connections are opened first and the sweeps
    /// released together, so they overlap as much as possible.
    /// </summary>
    public static async Task<T[]> RunConcurrentlyAsync<T>(
        int count, Func<PatchHoundDbContext> newContext, Func<PatchHoundDbContext, Task<T>> sweep)
    {
        var contexts = Enumerable.Range(0, count).Select(_ => newContext()).ToList();
        try
        {
            foreach (var db in contexts)
            {
                await db.Database.OpenConnectionAsync();
            }

            var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var workers = contexts.Select(db => Task.Run(async () =>
            {
                await gate.Task;
                return await sweep(db);
            })).ToList();
            gate.SetResult();
            return await Task.WhenAll(workers);
        }
        finally
        {
            foreach (var db in contexts)
            {
                await db.DisposeAsync();
            }
        }
    }
}
