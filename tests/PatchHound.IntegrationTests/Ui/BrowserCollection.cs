namespace PatchHound.IntegrationTests.Ui;

/// <summary>
/// The browser test classes start their Kestrel hosts one class at a time: two <see cref="UiFixture"/>s building
/// their hosts at once in one process could bind the default port (5000) instead of a free one.
/// </summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection
{
    public const string Name = "Browser";
}
