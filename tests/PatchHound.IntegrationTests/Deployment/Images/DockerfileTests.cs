using PatchHound.IntegrationTests.Harness;
using PatchHound.ServiceDefaults;

namespace PatchHound.IntegrationTests.Deployment.Images;

/// <summary>No Docker engine here: the Dockerfiles are checked against the repository they build.</summary>
public sealed class DockerfileTests
{
    private const string SdkImage = "mcr.microsoft.com/dotnet/sdk:10.0";
    private const string RuntimeImage = "mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled-extra";
    private static readonly string[] RestoreInputs = ["global.json", "Directory.Build.props", "Directory.Packages.props"];

    public static TheoryData<string> Hosts => new(HostProject.Deployable.Select(host => host.Name));

    [Theory]
    [MemberData(nameof(Hosts))]
    public void Every_copy_source_exists_and_is_in_the_build_context(string host)
    {
        var ignore = DockerIgnore.Load(Path.Combine(RepositoryRoot.Path, ".dockerignore"));
        var sources = ContextCopies(Parse(host)).SelectMany(copy => copy.Arguments.SkipLast(1)).ToList();

        sources.Should().NotBeEmpty();
        foreach (var source in sources)
        {
            var path = Path.Combine(RepositoryRoot.Path, source);
            (File.Exists(path) || Directory.Exists(path)).Should().BeTrue($"{host}'s Dockerfile copies {source}");
            ignore.Excludes(source).Should().BeFalse($".dockerignore leaves {source} out of the context");
        }
    }

    [Theory]
    [MemberData(nameof(Hosts))]
    public void Every_project_the_host_references_is_copied_in_place_before_restore(string host)
    {
        var project = new HostProject(host);
        var build = Parse(host).Stages[0];
        var restore = build.Instructions.First(instruction => IsDotnet(instruction, "restore"));
        var beforeRestore = build.Instructions.TakeWhile(instruction => instruction != restore)
            .Where(instruction => instruction.Keyword == "COPY" && instruction.Flag("from") is null)
            .ToList();
        var copiedProjects = beforeRestore
            .Where(copy => copy.Arguments.Count == 2 && copy.Arguments[0].EndsWith(".csproj", StringComparison.Ordinal))
            .ToDictionary(copy => copy.Arguments[0], copy => copy.Arguments[1]);

        copiedProjects.Keys.Should().BeEquivalentTo(project.ReferencedProjectFiles().Append(project.ProjectFile));
        foreach (var (source, destination) in copiedProjects)
        {
            // Relative ProjectReference paths only resolve if every project keeps its place in the tree.
            destination.Should().Be(source[..(source.LastIndexOf('/') + 1)], source);
        }

        beforeRestore.SelectMany(copy => copy.Arguments.SkipLast(1)).Should().Contain(RestoreInputs);
        string.Join(' ', restore.Arguments).Should().Contain(project.ProjectFile);
    }

    [Theory]
    [MemberData(nameof(Hosts))]
    public void Publishes_in_release_and_enters_and_probes_through_the_host_assembly(string host)
    {
        var project = new HostProject(host);
        var dockerfile = Parse(host);
        var publish = string.Join(' ', dockerfile.Stages[0].Instructions.Single(instruction => IsDotnet(instruction, "publish")).Arguments);

        publish.Should().Contain(project.ProjectFile).And.Contain("-c Release");
        dockerfile.Final.Instructions.Last(instruction => instruction.Keyword == "ENTRYPOINT").Arguments
            .Should().Equal("dotnet", $"{project.AssemblyName}.dll");
        dockerfile.Final.Instructions.Last(instruction => instruction.Keyword == "HEALTHCHECK").Arguments
            .Should().Equal("CMD", "dotnet", $"{project.AssemblyName}.dll", HealthProbe.Command);
    }

    [Theory]
    [MemberData(nameof(Hosts))]
    public void Final_stage_is_chiseled_extra_runs_as_non_root_and_serves_on_8080(string host)
    {
        var dockerfile = Parse(host);
        var final = dockerfile.Final;

        dockerfile.Stages.Should().HaveCountGreaterThan(1, "the SDK stays in the build stage");
        dockerfile.Stages[0].BaseImage.Should().Be(SdkImage);
        final.BaseImage.Should().Be(RuntimeImage);
        var user = final.Instructions.Last(instruction => instruction.Keyword == "USER").Arguments.Single();
        new[] { "root", "0", "" }.Should().NotContain(user.Split(':')[0], $"{host} runs as {user}");
        final.Instructions.Where(instruction => instruction.Keyword == "ENV").SelectMany(env => env.Arguments)
            .Should().Contain("ASPNETCORE_HTTP_PORTS=8080");
        var labels = final.Instructions.Where(instruction => instruction.Keyword == "LABEL").SelectMany(label => label.Arguments).ToList();
        labels.Should().Contain(["org.opencontainers.image.version=$VERSION", "org.opencontainers.image.revision=$REVISION"]);
        final.Instructions.Where(instruction => instruction.Keyword == "ARG").SelectMany(arg => arg.Arguments)
            .Select(arg => arg.Split('=')[0]).Should().Contain(["VERSION", "REVISION"]);
    }

    [Fact]
    public void Parser_reads_continuations_flags_quotes_and_the_exec_form()
    {
        var dockerfile = Dockerfile.Parse("""
            ARG BASE=x
            FROM --platform=$BUILDPLATFORM sdk AS build
            # a comment
            COPY --chown=1:1 a.txt \
                 b.txt dir/
            FROM runtime
            LABEL title="two words" \
                  # a comment inside a continuation
                  version=1
            ENTRYPOINT ["dotnet", "x.dll"]
            HEALTHCHECK --interval=5s CMD ["dotnet", "x.dll", "healthcheck"]
            """);

        dockerfile.Stages.Select(stage => (stage.BaseImage, stage.Name)).Should().Equal(("sdk", "build"), ("runtime", null));
        var copy = dockerfile.Stages[0].Instructions.Single();
        copy.Flag("chown").Should().Be("1:1");
        copy.Arguments.Should().Equal("a.txt", "b.txt", "dir/");
        dockerfile.Final.Instructions[0].Arguments.Should().Equal("title=two words", "version=1");
        dockerfile.Final.Instructions[1].Arguments.Should().Equal("dotnet", "x.dll");
        dockerfile.Final.Instructions[2].Flag("interval").Should().Be("5s");
        dockerfile.Final.Instructions[2].Arguments.Should().Equal("CMD", "dotnet", "x.dll", "healthcheck");
        FluentActions.Invoking(() => Dockerfile.Parse("FROM a\nCOPPY x y")).Should().Throw<FormatException>();
    }

    private static Dockerfile Parse(string host) => Dockerfile.Parse(File.ReadAllText(new HostProject(host).DockerfilePath));

    private static IEnumerable<DockerInstruction> ContextCopies(Dockerfile dockerfile) =>
        dockerfile.Stages.SelectMany(stage => stage.Instructions)
            .Where(instruction => instruction.Keyword is "COPY" or "ADD" && instruction.Flag("from") is null);

    private static bool IsDotnet(DockerInstruction instruction, string command) =>
        instruction.Keyword == "RUN" && instruction.Arguments is ["dotnet", var verb, ..] && verb == command;
}
