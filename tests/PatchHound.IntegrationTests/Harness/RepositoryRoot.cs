namespace PatchHound.IntegrationTests.Harness;

public static class RepositoryRoot
{
    /// <summary>The directory holding PatchHound.sln, found upwards from the test binaries.</summary>
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "PatchHound.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No PatchHound.sln above {AppContext.BaseDirectory}.");
    }
}
