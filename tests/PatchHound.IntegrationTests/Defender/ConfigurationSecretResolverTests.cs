using Microsoft.Extensions.Configuration;
using PatchHound.Infrastructure.Secrets;

namespace PatchHound.IntegrationTests.Defender;

public sealed class ConfigurationSecretResolverTests
{
    private readonly ConfigurationSecretResolver resolver = new(new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?> { ["Secrets:defender-contoso"] = "the-secret" })
        .Build());

    [Fact]
    public async Task Maps_a_local_reference_to_the_Secrets_section()
    {
        (await resolver.ResolveAsync(Guid.NewGuid(), "local://defender-contoso", CancellationToken.None)).Should().Be("the-secret");
    }

    [Theory]
    [InlineData("local://unknown", "local://unknown is not configured")]
    [InlineData("kv://vault/defender", "not in the host configuration")]
    [InlineData("pasted-secret-value", "not a secret reference")]
    public async Task Refuses_what_it_cannot_resolve(string reference, string expected)
    {
        var resolving = () => resolver.ResolveAsync(Guid.NewGuid(), reference, CancellationToken.None);

        var failure = (await resolving.Should().ThrowAsync<SecretResolutionException>()).Which;
        failure.Message.Should().Contain(expected);
        if (!reference.Contains("://", StringComparison.Ordinal))
        {
            failure.Message.Should().NotContain(reference);
        }
    }
}
