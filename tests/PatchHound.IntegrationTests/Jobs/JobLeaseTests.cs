using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using PatchHound.Infrastructure.Leases;
using PatchHound.IntegrationTests.Harness;

namespace PatchHound.IntegrationTests.Jobs;

public sealed class JobLeaseTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private NpgsqlDataSource dataSource = null!;

    private JobLeaseStore Store => new(dataSource);

    public Task InitializeAsync()
    {
        dataSource = NpgsqlDataSource.Create(fixture.Database.AppConnectionString());
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await dataSource.DisposeAsync();

    [Fact]
    public async Task Only_one_of_many_concurrent_claimants_gets_a_free_lease()
    {
        var key = $"race-{Guid.NewGuid()}";

        var grants = await Task.WhenAll(Enumerable.Range(0, 16)
            .Select(i => Store.TryAcquireAsync(key, $"worker-{i}", TimeSpan.FromMinutes(1), CancellationToken.None)));

        grants.Count(g => g is not null).Should().Be(1);
        (await Store.HolderAsync(key, CancellationToken.None)).Should().Be(grants.Single(g => g is not null)!.Owner);
    }

    [Fact]
    public async Task An_expired_lease_is_taken_over_and_the_stale_owner_can_neither_renew_nor_release_it()
    {
        var key = $"takeover-{Guid.NewGuid()}";
        var stale = await Store.TryAcquireAsync(key, "worker-a", TimeSpan.FromMilliseconds(300), CancellationToken.None);
        (await Store.TryAcquireAsync(key, "worker-b", TimeSpan.FromMinutes(1), CancellationToken.None)).Should().BeNull("A still holds it");

        await Task.Delay(TimeSpan.FromMilliseconds(500));
        var current = await Store.TryAcquireAsync(key, "worker-b", TimeSpan.FromMinutes(1), CancellationToken.None);

        current.Should().NotBeNull();
        (await Store.RenewAsync(stale!, TimeSpan.FromMinutes(1), CancellationToken.None)).Should().BeNull();
        (await Store.ReleaseAsync(stale!, CancellationToken.None)).Should().BeFalse();
        (await Store.HolderAsync(key, CancellationToken.None)).Should().Be("worker-b");
        (await Store.ReleaseAsync(current!, CancellationToken.None)).Should().BeTrue();
        (await Store.HolderAsync(key, CancellationToken.None)).Should().BeNull();
    }

    [Fact]
    public async Task A_held_lease_is_renewed_past_its_duration_and_released_on_dispose()
    {
        var key = $"renewed-{Guid.NewGuid()}";
        var leases = Leases(TimeSpan.FromSeconds(2));

        await using (var held = await leases.TryTakeAsync(key, CancellationToken.None))
        {
            held.Should().NotBeNull();
            await Task.Delay(TimeSpan.FromSeconds(5));

            held!.Lost.IsCancellationRequested.Should().BeFalse();
            (await Store.TryAcquireAsync(key, "intruder", TimeSpan.FromMinutes(1), CancellationToken.None)).Should().BeNull();
        }

        (await Store.HolderAsync(key, CancellationToken.None)).Should().BeNull();
    }

    [Fact]
    public async Task A_holder_whose_lease_was_taken_over_is_told_it_lost_it()
    {
        var key = $"lost-{Guid.NewGuid()}";
        await using var held = await Leases(TimeSpan.FromSeconds(3)).TryTakeAsync(key, CancellationToken.None);
        await using (var admin = dataSource.CreateCommand($"UPDATE job_leases SET expires_at = now() - interval '1 second' WHERE key = '{key}'"))
        {
            await admin.ExecuteNonQueryAsync();
        }

        var intruder = await Store.TryAcquireAsync(key, "intruder", TimeSpan.FromMinutes(1), CancellationToken.None);
        var lost = await WaitAsync(TimeSpan.FromSeconds(5), held!.Lost);

        intruder.Should().NotBeNull();
        lost.Should().BeTrue("the next renewal finds another token");
        await held.DisposeAsync();
        (await Store.HolderAsync(key, CancellationToken.None)).Should().Be("intruder", "the loser's dispose must not free the new holder's lease");
    }

    private JobLeases Leases(TimeSpan duration) =>
        new(Store, Options.Create(new LeaseOptions { Duration = duration }), NullLogger<JobLeases>.Instance);

    private static async Task<bool> WaitAsync(TimeSpan timeout, CancellationToken token)
    {
        try
        {
            await Task.Delay(timeout, token);
            return false;
        }
        catch (OperationCanceledException)
        {
            return true;
        }
    }
}
