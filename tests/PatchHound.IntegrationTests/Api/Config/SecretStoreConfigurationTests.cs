using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using PatchHound.Infrastructure.Persistence;
using PatchHound.Infrastructure.Secrets;
using PatchHound.IntegrationTests.Harness;
using PatchHound.IntegrationTests.Hosting;
using PatchHound.IntegrationTests.Jobs;

namespace PatchHound.IntegrationTests.Api.Config;

/// <summary>
/// Which secret store a host gets, and that it refuses to start with one that could not work. Key Vault itself is
/// out of reach here: its name mapping, reference handling and selection are tested, its HTTP calls are not.
/// </summary>
public sealed class SecretStoreConfigurationTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private const string ShortKey = "c2hvcnQta2V5LXZhbHVl";

    [Theory]
    [InlineData("Database", null, null, null, "SecretStore:Provider is Database, which needs a sealing key")]
    [InlineData("Database", "k1", "k1", ShortKey, "SecretStore:Keys:k1 must be the base64 of exactly 32 bytes")]
    [InlineData("Database", "k2", "k1", "VALID", "SecretStore:ActiveKeyId 'k2' is not one of SecretStore:Keys")]
    [InlineData("None", null, "bad id!", "VALID", "key id 'bad id!' must be 1 to 64")]
    [InlineData("KeyVault", null, null, null, "needs SecretStore:KeyVaultUri")]
    public void Unusable_settings_are_refused_with_a_message_that_names_the_setting_but_no_key(
        string provider, string? activeKeyId, string? keyId, string? key, string expected)
    {
        var value = key == "VALID" ? NewKey() : key;
        var options = new SecretStoreOptions { Provider = Enum.Parse<SecretStoreProvider>(provider), ActiveKeyId = activeKeyId };
        if (keyId is not null)
        {
            options.Keys[keyId] = value!;
        }

        var result = new SecretStoreOptionsValidator().Validate(null, options);

        result.Failed.Should().BeTrue();
        result.FailureMessage.Should().Contain(expected);
        if (value is not null)
        {
            result.FailureMessage.Should().NotContain(value);
        }
    }

    [Fact]
    public void A_database_store_with_an_active_32_byte_key_is_accepted()
    {
        var options = new SecretStoreOptions { Provider = SecretStoreProvider.Database, ActiveKeyId = "k1" };
        options.Keys["k1"] = NewKey();
        options.Keys["k0"] = NewKey();

        new SecretStoreOptionsValidator().Validate(null, options).Succeeded.Should().BeTrue();
    }

    [Fact]
    public async Task The_api_refuses_to_start_with_the_database_store_and_no_key_and_says_how_to_make_one()
    {
        await using var api = new ApiHostFactory(new Dictionary<string, string?>
        {
            ["ConnectionStrings:PatchHound"] = fixture.Database.AppConnectionString(),
            ["SecretStore:Provider"] = "Database",
        });

        var start = () => api.CreateClient();

        var failure = start.Should().Throw<Exception>().Which;
        var messages = string.Join(" | ", Flatten(failure).Select(e => e.Message));
        messages.Should().Contain("SecretStore:ActiveKeyId").And.Contain("openssl rand -base64 32");
    }

    [Fact]
    public async Task The_worker_refuses_to_start_with_a_key_that_is_not_32_bytes_and_does_not_print_it()
    {
        var start = () => HostProcess.StartAsync("worker-bad-key", "PatchHound.Worker.dll", WorkerEnvironment.For(fixture.Database,
            new Dictionary<string, string?>
            {
                ["SecretStore__Provider"] = "Database",
                ["SecretStore__ActiveKeyId"] = "k1",
                ["SecretStore__Keys__k1"] = ShortKey,
            }));

        var failure = (await start.Should().ThrowAsync<InvalidOperationException>()).Which.Message;
        failure.Should().Contain("SecretStore:Keys:k1 must be the base64 of exactly 32 bytes").And.NotContain(ShortKey);
    }

    [Theory]
    [InlineData("None", null)]
    [InlineData("Database", typeof(EncryptedSecretStore))]
    [InlineData("KeyVault", typeof(KeyVaultSecretStore))]
    public async Task The_provider_setting_chooses_the_store_and_every_host_resolves_through_the_one_resolver(string provider, Type? expected)
    {
        await using var services = Services(new Dictionary<string, string?>
        {
            ["SecretStore:Provider"] = provider,
            ["SecretStore:ActiveKeyId"] = "k1",
            ["SecretStore:Keys:k1"] = NewKey(),
            ["SecretStore:KeyVaultUri"] = "https://contoso-ph.vault.azure.net/",
        });
        await using var scope = services.CreateAsyncScope();

        var store = scope.ServiceProvider.GetService<ISecretStore>();

        (store?.GetType()).Should().Be(expected);
        scope.ServiceProvider.GetRequiredService<ISecretResolver>().Should().BeOfType<SecretResolver>();
        scope.ServiceProvider.GetRequiredService<IOptions<SecretStoreOptions>>().Value.Provider.ToString().Should().Be(provider);
    }

    [Fact]
    public async Task Local_references_still_resolve_from_configuration_and_values_that_are_not_references_are_refused()
    {
        var tenant = Guid.NewGuid();
        await using var services = Services(new Dictionary<string, string?> { ["Secrets:sim"] = "from-configuration" });
        var resolver = services.GetRequiredService<ISecretResolver>();

        (await resolver.ResolveAsync(tenant, "local://sim", default)).Should().Be("from-configuration");
        var pasted = () => resolver.ResolveAsync(tenant, "a-pasted-secret-value", default);
        (await pasted.Should().ThrowAsync<SecretResolutionException>()).Which.Message.Should().NotContain("a-pasted-secret-value");
    }

    [Fact]
    public void Key_vault_names_embed_prefix_tenant_and_name_one_to_one_within_key_vault_rules()
    {
        var tenant = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e");
        var longest = new string('n', SecretName.MaxLength);

        KeyVaultSecretName.For("patchhound", tenant, "source-abc").Should().Be("patchhound-0f8fad5bd9cb469fa16570867728950e-source-abc");
        KeyVaultSecretName.IsValid(KeyVaultSecretName.For(new string('p', 24), tenant, longest)).Should().BeTrue("even the longest name fits 127 characters");
        KeyVaultSecretName.For("ph", tenant, "a-b").Should().NotBe(KeyVaultSecretName.For("ph", tenant, "ab"));
        KeyVaultSecretName.For("ph", Guid.NewGuid(), "x").Should().NotBe(KeyVaultSecretName.For("ph", Guid.NewGuid(), "x"));
        foreach (var bad in new[] { "Upper", "under_score", "-edge", "edge-", longest + "n", string.Empty })
        {
            var map = () => KeyVaultSecretName.For("ph", tenant, bad);
            map.Should().Throw<ArgumentException>(bad);
        }
    }

    [Fact]
    public async Task A_key_vault_reference_written_for_another_tenant_is_refused_before_any_call_to_the_vault()
    {
        var owner = Guid.NewGuid();
        var other = Guid.NewGuid();
        await using var services = Services([]);
        var resolver = services.GetRequiredService<ISecretResolver>();
        var reference = $"kv://contoso-ph/{KeyVaultSecretName.For(SecretStoreOptions.DefaultKeyVaultNamePrefix, owner, "source-x")}";

        var resolve = () => resolver.ResolveAsync(other, reference, default);

        (await resolve.Should().ThrowAsync<SecretResolutionException>()).Which.Message.Should().Contain("written for another tenant");
        KeyVaultSecretName.MayServe(SecretStoreOptions.DefaultKeyVaultNamePrefix, owner, reference[16..]).Should().BeTrue();
        KeyVaultSecretName.MayServe(SecretStoreOptions.DefaultKeyVaultNamePrefix, other, "defender-client-secret").Should().BeTrue("operator-made names are not tenant-bound");
    }

    [Fact]
    public async Task Key_vault_clients_follow_the_configured_vaults_cloud()
    {
        await using var services = Services(new Dictionary<string, string?> { ["SecretStore:KeyVaultUri"] = "https://contoso-ph.vault.azure.cn/" });
        var vaults = services.GetRequiredService<KeyVaultSecrets>();

        vaults.ConfiguredVaultName.Should().Be("contoso-ph");
        vaults.VaultUri("other-vault").Should().Be(new Uri("https://other-vault.vault.azure.cn/"));
    }

    private ServiceProvider Services(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Testing" });
        settings["ConnectionStrings:PatchHound"] = fixture.Database.AppConnectionString();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddPatchHoundPersistence();
        builder.Services.AddSecretStore(builder.Configuration);
        return builder.Services.BuildServiceProvider();
    }

    private static string NewKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    private static IEnumerable<Exception> Flatten(Exception e)
    {
        for (var current = e; current is not null; current = current.InnerException)
        {
            yield return current;
            if (current is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions.SelectMany(Flatten))
                {
                    yield return inner;
                }
            }
        }
    }
}
