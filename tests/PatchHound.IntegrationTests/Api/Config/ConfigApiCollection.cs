namespace PatchHound.IntegrationTests.Api.Config;

/// <summary>The configuration API test classes share one API host and database; each test makes its own rows.</summary>
[CollectionDefinition(Name)]
public sealed class ConfigApiCollection : ICollectionFixture<ConfigApiFixture>
{
    public const string Name = "Configuration API";
}
