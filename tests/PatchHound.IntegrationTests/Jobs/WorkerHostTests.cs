using Npgsql;
using PatchHound.IntegrationTests.Harness;

namespace PatchHound.IntegrationTests.Jobs;

public sealed class WorkerHostTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task Each_worker_runs_one_hangfire_server_per_queue_and_deregisters_them_on_graceful_stop()
    {
        await using var first = await HostProcess.StartAsync("worker-1", "PatchHound.Worker.dll", WorkerEnvironment.For(fixture.Database));
        await using var second = await HostProcess.StartAsync("worker-2", "PatchHound.Worker.dll", WorkerEnvironment.For(fixture.Database,
            new Dictionary<string, string?> { ["Jobs__Workers__ai"] = "0" }));

        var servers = await WaitForAsync(() => ServerQueuesAsync(), s => s.Count == 7, TimeSpan.FromSeconds(30));

        servers.Where(s => s.Contains(":critical", StringComparison.Ordinal)).Should().HaveCount(2);
        servers.Where(s => s.Contains(":ingestion", StringComparison.Ordinal)).Should().HaveCount(2);
        servers.Where(s => s.Contains(":ai", StringComparison.Ordinal)).Should().HaveCount(1, "worker-2 serves no ai queue");

        (await second.StopAsync(TimeSpan.FromSeconds(60))).Should().Be(0, second.Output);
        var remaining = await WaitForAsync(() => ServerQueuesAsync(), s => s.Count == 4, TimeSpan.FromSeconds(30));
        remaining.Should().OnlyContain(s => s.Contains($":{first.ProcessId}:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_worker_with_an_invalid_queue_name_refuses_to_start_with_a_clear_error()
    {
        var start = () => HostProcess.StartAsync("worker-bad", "PatchHound.Worker.dll", WorkerEnvironment.For(fixture.Database,
            new Dictionary<string, string?> { ["Jobs__Workers__urgent"] = "3" }));

        (await start.Should().ThrowAsync<InvalidOperationException>()).Which.Message.Should().Contain("Jobs:Workers names a queue");
    }

    private async Task<IReadOnlyList<string>> ServerQueuesAsync()
    {
        await using var connection = new NpgsqlConnection(fixture.Database.OwnerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT id FROM hangfire.server", connection);
        var ids = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    private static async Task<T> WaitForAsync<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        var value = await read();
        while (!done(value) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(250);
            value = await read();
        }

        return value;
    }
}
