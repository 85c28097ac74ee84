namespace PatchHound.IntegrationTests.Harness;

/// <summary>xunit class fixture: a migrated <see cref="TestDatabase"/> shared by the tests of one class.</summary>
public sealed class DatabaseFixture : IAsyncLifetime
{
    private TestDatabase? database;

    public TestDatabase Database =>
        database ?? throw new InvalidOperationException("The database exists only after xunit initialized the fixture.");

    public async Task InitializeAsync() => database = await TestDatabase.CreateMigratedAsync();

    public async Task DisposeAsync()
    {
        if (database is not null)
        {
            await database.DisposeAsync();
        }
    }
}
