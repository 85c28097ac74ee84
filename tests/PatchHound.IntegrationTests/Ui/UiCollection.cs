namespace PatchHound.IntegrationTests.Ui;

/// <summary>
/// The browser test classes share one UI host and one chromium and run one after another: a second
/// <see cref="UiFixture"/> in the same process bound Kestrel's default port 5000 instead of a free one.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class UiCollection : ICollectionFixture<UiFixture>
{
    public const string Name = "Web UI in chromium";
}
