using Npgsql;
using PatchHound.Core.Identity;
using PatchHound.Infrastructure.Caching;
using PatchHound.IntegrationTests.Harness;

namespace PatchHound.IntegrationTests.Caching;

/// <summary>
/// The per-replica cache of rows, kept honest by PostgreSQL's commit announcements: a real server, the real triggers
/// of the migrations, a real listening connection.
/// </summary>
public sealed class ChangeNotifiedCacheTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task A_committed_change_evicts_the_row_and_an_uncommitted_one_does_not()
    {
        var user = await InsertUserAsync("Before");
        await using var host = await CacheFeedHost.StartAsync(fixture.Database);
        var cache = host.Cache<string>(CacheChanges.Users);
        var load = new CountedLoad(() => ReadNameAsync(user));

        (await cache.GetOrLoadAsync(Key(user), load.RunAsync, default)).Should().Be("Before");
        (await cache.GetOrLoadAsync(Key(user), load.RunAsync, default)).Should().Be("Before");
        load.Count.Should().Be(1, "the second lookup is served by the cache");

        await using var connection = await OpenOwnerAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await RenameAsync(connection, user, "After");
        await Task.Delay(TimeSpan.FromMilliseconds(300));
        (await cache.GetOrLoadAsync(Key(user), load.RunAsync, default)).Should().Be("Before", "nothing is announced before the commit");
        load.Count.Should().Be(1);

        await transaction.CommitAsync();
        await Eventually.HoldsAsync(async () => await cache.GetOrLoadAsync(Key(user), load.RunAsync, default) == "After",
            "the commit should evict the cached row");
        load.Count.Should().Be(2);
    }

    [Fact]
    public async Task A_load_that_overlaps_a_committed_change_does_not_keep_what_it_read()
    {
        var user = await InsertUserAsync("Old");
        await using var host = await CacheFeedHost.StartAsync(fixture.Database);
        var cache = host.Cache<string>(CacheChanges.Users);
        var heard = new TaskCompletionSource();
        host.Feed.Subscribe(CacheChanges.Users, key => { if (key == Key(user)) heard.TrySetResult(); });

        var read = await cache.GetOrLoadAsync(Key(user), async ct =>
        {
            var name = await ReadNameAsync(user);
            await using var connection = await OpenOwnerAsync();
            await RenameAsync(connection, user, "New");
            await heard.Task.WaitAsync(TimeSpan.FromSeconds(10), ct);
            return name;
        }, default);

        read.Should().Be("Old", "the load read the row before the change");
        var load = new CountedLoad(() => ReadNameAsync(user));
        (await cache.GetOrLoadAsync(Key(user), load.RunAsync, default)).Should().Be("New");
        load.Count.Should().Be(1, "what the overlapping load read was not kept");
    }

    [Fact]
    public async Task Without_its_listening_connection_the_cache_reads_the_database_every_time_and_resumes_once_it_listens_again()
    {
        var user = await InsertUserAsync("Listened");
        await using var host = await CacheFeedHost.StartAsync(fixture.Database);
        var cache = host.Cache<string>(CacheChanges.Users);
        var load = new CountedLoad(() => ReadNameAsync(user));

        await cache.GetOrLoadAsync(Key(user), load.RunAsync, default);
        await using (var connection = await OpenOwnerAsync())
        await using (var kill = new NpgsqlCommand(
            "SELECT count(pg_terminate_backend(pid))::int FROM pg_stat_activity WHERE application_name = @name AND datname = current_database()", connection))
        {
            kill.Parameters.AddWithValue("name", CacheChangeFeed.ApplicationName);
            (await kill.ExecuteScalarAsync()).Should().Be(1, "one connection listens");
        }

        await Eventually.HoldsAsync(() => !host.Feed.IsListening, "the feed should notice its connection is gone");
        var before = load.Count;
        await cache.GetOrLoadAsync(Key(user), load.RunAsync, default);
        await cache.GetOrLoadAsync(Key(user), load.RunAsync, default);
        load.Count.Should().Be(before + 2, "nothing is served from the cache while changes could go unheard");
        cache.Count.Should().Be(0);

        await Eventually.HoldsAsync(() => host.Feed.IsListening, "the feed should listen again");
        await cache.GetOrLoadAsync(Key(user), load.RunAsync, default);
        await cache.GetOrLoadAsync(Key(user), load.RunAsync, default);
        load.Count.Should().Be(before + 3, "once listening, the cache serves again");
    }

    [Fact]
    public async Task Truncating_a_table_evicts_all_of_its_rows()
    {
        var first = await InsertUserAsync("First");
        var second = await InsertUserAsync("Second");
        await using var host = await CacheFeedHost.StartAsync(fixture.Database);
        var cache = host.Cache<string>(CacheChanges.Users);
        var heard = new TaskCompletionSource<string>();
        host.Feed.Subscribe(CacheChanges.Users, key => heard.TrySetResult(key));
        await cache.GetOrLoadAsync(Key(first), _ => ReadNameAsync(first), default);
        await cache.GetOrLoadAsync(Key(second), _ => ReadNameAsync(second), default);
        cache.Count.Should().Be(2);

        await using (var connection = await OpenOwnerAsync())
        {
            await using (var transaction = await connection.BeginTransactionAsync())
            {
                await TruncateUsersAsync(connection);
                await transaction.RollbackAsync();
            }

            await Task.Delay(TimeSpan.FromMilliseconds(300));
            heard.Task.IsCompleted.Should().BeFalse("a rolled-back TRUNCATE announces nothing");
            await TruncateUsersAsync(connection);
        }

        (await heard.Task.WaitAsync(TimeSpan.FromSeconds(10))).Should().Be(CacheChanges.AnyKey);
        await Eventually.HoldsAsync(() => cache.Count == 0, "the whole table should be evicted");
    }

    private static string Key(Guid user) => user.ToString();

    private async Task<Guid> InsertUserAsync(string name)
    {
        var user = new User($"cache-{Guid.NewGuid():N}@patchhound.test", name, DateTimeOffset.UtcNow);
        await using var db = fixture.Database.OwnerContext();
        db.Users.Add(user);
        await db.SaveChangesAsync();
        return user.Id;
    }

    private async Task<string?> ReadNameAsync(Guid user)
    {
        await using var connection = await OpenOwnerAsync();
        await using var command = new NpgsqlCommand("SELECT display_name FROM users WHERE id = @id", connection);
        command.Parameters.AddWithValue("id", user);
        return (string?)await command.ExecuteScalarAsync();
    }

    private static async Task RenameAsync(NpgsqlConnection connection, Guid user, string name)
    {
        await using var command = new NpgsqlCommand("UPDATE users SET display_name = @name WHERE id = @id", connection);
        command.Parameters.AddWithValue("name", name);
        command.Parameters.AddWithValue("id", user);
        (await command.ExecuteNonQueryAsync()).Should().Be(1);
    }

    private static async Task TruncateUsersAsync(NpgsqlConnection connection)
    {
        await using var truncate = new NpgsqlCommand("TRUNCATE users CASCADE", connection);
        await truncate.ExecuteNonQueryAsync();
    }

    private async Task<NpgsqlConnection> OpenOwnerAsync()
    {
        var connection = new NpgsqlConnection(fixture.Database.OwnerConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    /// <summary>A cache load that counts how often the cache asked for it.</summary>
    private sealed class CountedLoad(Func<Task<string?>> read)
    {
        public int Count { get; private set; }

        public Task<string?> RunAsync(CancellationToken cancellationToken)
        {
            Count++;
            return read();
        }
    }
}
