using PatchHound.IntegrationTests.Harness;

namespace PatchHound.IntegrationTests.Deployment;

public sealed class ComposeFileTests
{
    [Fact]
    public async Task Compose_file_is_valid()
    {
        // test.sh installs docker-compose; no Docker engine is needed to validate the file.
        var result = await ChildProcess.RunAsync(
            "docker-compose",
            ["-f", Path.Combine(RepositoryRoot.Path, "docker-compose.yml"), "config", "-q"],
            workingDirectory: RepositoryRoot.Path);

        result.ExitCode.Should().Be(0, result.ToString());
    }
}
