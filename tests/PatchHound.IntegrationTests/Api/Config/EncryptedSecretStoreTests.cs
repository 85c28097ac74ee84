using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using PatchHound.Core.Tenancy;
using PatchHound.Infrastructure.Secrets;
using PatchHound.IntegrationTests.Harness;

namespace PatchHound.IntegrationTests.Api.Config;

/// <summary>The encrypted secret store on the real database, through the application login (both tenant walls apply).</summary>
public sealed class EncryptedSecretStoreTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private static readonly string KeyOne = NewKey();
    private static readonly string KeyTwo = NewKey();

    private Guid tenantA;
    private Guid tenantB;
    private Guid tenantC;

    public async Task InitializeAsync()
    {
        await using var db = fixture.Database.AppContext();
        var a = new Tenant($"store-a-{Guid.NewGuid():N}"[..20], "Store A", TenantEdition.Free, DateTimeOffset.UtcNow);
        var b = new Tenant($"store-b-{Guid.NewGuid():N}"[..20], "Store B", TenantEdition.Free, DateTimeOffset.UtcNow);
        var c = new Tenant($"store-c-{Guid.NewGuid():N}"[..20], "Store C", TenantEdition.Free, DateTimeOffset.UtcNow);
        db.Tenants.AddRange(a, b, c);
        await db.SaveChangesAsync();
        (tenantA, tenantB, tenantC) = (a.Id, b.Id, c.Id);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_secret_round_trips_and_its_row_holds_no_plaintext_in_any_column()
    {
        const string value = "{\"clientSecret\":\"Plaintext-Needle-42\"}";

        var reference = await WithStore(Ring(("k1", KeyOne)), store => store.WriteAsync(tenantA, "source-one", value, default));
        var resolved = await WithStore(Ring(("k1", KeyOne)), store => store.ResolveAsync(tenantA, "source-one", default));

        reference.Should().Be("store://source-one");
        resolved.Should().Be(value);
        var row = await RowAsync(tenantA, "source-one");
        row.KeyId.Should().Be("k1");
        row.Nonce.Should().HaveCount(12);
        row.Ciphertext.Should().HaveCount(Encoding.UTF8.GetByteCount(value) + 16);
        ContainsBytes(row.Ciphertext, Encoding.UTF8.GetBytes("Plaintext-Needle-42")).Should().BeFalse();
        ContainsBytes(row.Nonce, Encoding.UTF8.GetBytes("Plaintext")).Should().BeFalse();
        (await DatabaseScan.FindAsync(fixture.Database, "Plaintext-Needle-42")).Should().BeEmpty();
    }

    [Fact]
    public async Task Writing_again_replaces_the_value_in_the_same_row_with_a_fresh_nonce()
    {
        var ring = Ring(("k1", KeyOne));
        await WithStore(ring, store => store.WriteAsync(tenantA, "rewritten", "first", default));
        var first = await RowAsync(tenantA, "rewritten");

        await WithStore(ring, store => store.WriteAsync(tenantA, "rewritten", "second", default));

        var second = await RowAsync(tenantA, "rewritten");
        second.Id.Should().Be(first.Id);
        second.Nonce.Should().NotEqual(first.Nonce);
        (await WithStore(ring, store => store.ResolveAsync(tenantA, "rewritten", default))).Should().Be("second");
    }

    [Fact]
    public async Task Concurrent_writes_of_one_name_leave_exactly_one_row_holding_one_of_the_values()
    {
        var ring = Ring(("k1", KeyOne));
        var values = Enumerable.Range(0, 8).Select(i => $"value-{i}").ToList();

        await Task.WhenAll(values.Select(v => WithStore(ring, store => store.WriteAsync(tenantA, "raced", v, default))));

        await using var owner = fixture.Database.OwnerContext();
        (await owner.EncryptedSecrets.IgnoreQueryFilters().CountAsync(s => s.TenantId == tenantA && s.Name == "raced")).Should().Be(1);
        values.Should().Contain(await WithStore(ring, store => store.ResolveAsync(tenantA, "raced", default)));
    }

    [Fact]
    public async Task A_different_key_under_the_same_id_is_a_clear_error_not_garbage()
    {
        await WithStore(Ring(("k1", KeyOne)), store => store.WriteAsync(tenantA, "wrong-key", "value", default));

        var resolve = () => WithStore(Ring(("k1", KeyTwo)), store => store.ResolveAsync(tenantA, "wrong-key", default));

        (await resolve.Should().ThrowAsync<SecretResolutionException>()).Which.Message
            .Should().Contain("store://wrong-key cannot be opened").And.Contain("key 'k1' does not match");
    }

    [Fact]
    public async Task A_key_that_is_no_longer_configured_is_named_in_the_error()
    {
        await WithStore(Ring(("old", KeyOne)), store => store.WriteAsync(tenantA, "retired-key", "value", default));

        var resolve = () => WithStore(Ring(("new", KeyTwo)), store => store.ResolveAsync(tenantA, "retired-key", default));

        (await resolve.Should().ThrowAsync<SecretResolutionException>()).Which.Message.Should().Contain("key 'old', which is not in SecretStore:Keys");
    }

    [Theory]
    [InlineData("ciphertext")]
    [InlineData("tag")]
    [InlineData("nonce")]
    public async Task Tampered_bytes_fail_authentication(string part)
    {
        var name = $"tampered-{part}";
        await WithStore(Ring(("k1", KeyOne)), store => store.WriteAsync(tenantA, name, "a value worth tampering with", default));
        var column = part == "nonce" ? "nonce" : "ciphertext";
        var position = part == "tag" ? $"length({column})" : "1";
        await OwnerSqlAsync($"""
            UPDATE encrypted_secrets
            SET {column} = set_byte({column}, {position} - 1, get_byte({column}, {position} - 1) # 1)
            WHERE tenant_id = @tenant AND name = @name
            """, ("tenant", tenantA), ("name", name));

        var resolve = () => WithStore(Ring(("k1", KeyOne)), store => store.ResolveAsync(tenantA, name, default));

        (await resolve.Should().ThrowAsync<SecretResolutionException>()).Which.Message.Should().Contain("cannot be opened");
    }

    [Fact]
    public async Task A_row_moved_to_another_tenant_does_not_open_there()
    {
        await WithStore(Ring(("k1", KeyOne)), store => store.WriteAsync(tenantA, "moved", "tenant A's value", default));
        await OwnerSqlAsync("UPDATE encrypted_secrets SET tenant_id = @to WHERE tenant_id = @from AND name = 'moved'", ("to", tenantB), ("from", tenantA));

        var inB = () => WithStore(Ring(("k1", KeyOne)), store => store.ResolveAsync(tenantB, "moved", default));
        var inA = () => WithStore(Ring(("k1", KeyOne)), store => store.ResolveAsync(tenantA, "moved", default));

        (await inB.Should().ThrowAsync<SecretResolutionException>()).Which.Message.Should().Contain("store://moved cannot be opened");
        (await inA.Should().ThrowAsync<SecretResolutionException>()).Which.Message.Should().Contain("does not exist");
    }

    [Fact]
    public async Task A_row_copied_under_another_name_does_not_open()
    {
        await WithStore(Ring(("k1", KeyOne)), store => store.WriteAsync(tenantA, "original", "value", default));
        await OwnerSqlAsync("""
            INSERT INTO encrypted_secrets (id, tenant_id, name, key_id, nonce, ciphertext, created_at, updated_at)
            SELECT gen_random_uuid(), tenant_id, 'copy', key_id, nonce, ciphertext, created_at, updated_at
            FROM encrypted_secrets WHERE tenant_id = @tenant AND name = 'original'
            """, ("tenant", tenantA));

        var copy = () => WithStore(Ring(("k1", KeyOne)), store => store.ResolveAsync(tenantA, "copy", default));

        (await copy.Should().ThrowAsync<SecretResolutionException>()).Which.Message.Should().Contain("store://copy cannot be opened");
    }

    [Fact]
    public async Task Another_tenants_secret_is_invisible_and_cannot_be_overwritten_or_deleted_from_here()
    {
        var ring = Ring(("k1", KeyOne));
        await WithStore(ring, store => store.WriteAsync(tenantA, "private", "A's value", default));

        var read = () => WithStore(ring, store => store.ResolveAsync(tenantB, "private", default));
        await WithStore(ring, store => store.WriteAsync(tenantB, "private", "B's value", default));
        await WithStore(ring, async store =>
        {
            await store.DeleteAsync(tenantB, "private", default);
            return 0;
        });

        await read.Should().ThrowAsync<SecretResolutionException>();
        (await WithStore(ring, store => store.ResolveAsync(tenantA, "private", default))).Should().Be("A's value");
    }

    [Fact]
    public async Task A_store_entered_for_one_tenant_refuses_to_act_for_another()
    {
        await using var db = fixture.Database.AppContext(TestDatabaseContexts.ForTenant(tenantA));
        var store = new EncryptedSecretStore(db, Ring(("k1", KeyOne)), TimeProvider.System, NullLogger<EncryptedSecretStore>.Instance);

        var write = () => store.WriteAsync(tenantB, "crossing", "value", default);

        await write.Should().ThrowAsync<PatchHound.Infrastructure.Tenancy.TenantAccessException>();
    }

    [Fact]
    public async Task Rotation_reseals_old_secrets_with_the_active_key_so_the_old_key_can_be_retired()
    {
        await WithStore(Ring(("k1", KeyOne)), store => store.WriteAsync(tenantC, "rotate-one", "one", default));
        await WithStore(Ring(("k1", KeyOne)), store => store.WriteAsync(tenantC, "rotate-two", "two", default));
        var both = Ring(("k1", KeyOne), ("k2", KeyTwo));
        await WithStore(both, store => store.WriteAsync(tenantC, "rotate-three", "three", default));

        (await WithStore(both, store => store.ResolveAsync(tenantC, "rotate-one", default))).Should().Be("one", "old keys still open");
        var rotated = await WithStore(both, store => store.RotateAsync(tenantC, default));
        var again = await WithStore(both, store => store.RotateAsync(tenantC, default));

        rotated.Should().Be(2);
        again.Should().Be(0);
        var onlyNew = Ring(("k2", KeyTwo));
        (await WithStore(onlyNew, store => store.ResolveAsync(tenantC, "rotate-one", default))).Should().Be("one");
        (await WithStore(onlyNew, store => store.ResolveAsync(tenantC, "rotate-two", default))).Should().Be("two");
        (await WithStore(onlyNew, store => store.ResolveAsync(tenantC, "rotate-three", default))).Should().Be("three");
        (await RowAsync(tenantC, "rotate-one")).KeyId.Should().Be("k2");
    }

    private static string NewKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <summary>A key ring whose last key is the active one.</summary>
    private static SecretKeyRing Ring(params (string Id, string Key)[] keys)
    {
        var options = new SecretStoreOptions { Provider = SecretStoreProvider.Database, ActiveKeyId = keys[^1].Id };
        foreach (var (id, key) in keys)
        {
            options.Keys[id] = key;
        }

        return new SecretKeyRing(Options.Create(options));
    }

    /// <summary>A store on a fresh application-login context, as one request or job would have.</summary>
    private async Task<T> WithStore<T>(SecretKeyRing ring, Func<EncryptedSecretStore, Task<T>> use)
    {
        await using var db = fixture.Database.AppContext();
        return await use(new EncryptedSecretStore(db, ring, TimeProvider.System, NullLogger<EncryptedSecretStore>.Instance));
    }

    private async Task<Core.Secrets.EncryptedSecret> RowAsync(Guid tenantId, string name)
    {
        await using var owner = fixture.Database.OwnerContext();
        return await owner.EncryptedSecrets.IgnoreQueryFilters().AsNoTracking().SingleAsync(s => s.TenantId == tenantId && s.Name == name);
    }

    private async Task OwnerSqlAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(fixture.Database.OwnerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        (await command.ExecuteNonQueryAsync()).Should().Be(1);
    }

    private static bool ContainsBytes(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;
}
