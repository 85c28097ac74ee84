using System.Xml.Linq;
using PatchHound.IntegrationTests.Harness;

namespace PatchHound.IntegrationTests.Deployment.Images;

/// <summary>A project under src/, read from its csproj: assembly name and project references.</summary>
internal sealed record HostProject(string Name)
{
    /// <summary>The deployable hosts, one image each.</summary>
    public static readonly IReadOnlyList<HostProject> Deployable =
        [new("PatchHound.Api"), new("PatchHound.Worker"), new("PatchHound.DefenderSimulator")];

    /// <summary>The csproj path relative to the repository root, with forward slashes.</summary>
    public string ProjectFile => $"src/{Name}/{Name}.csproj";

    public string AssemblyName =>
        Load().Descendants("AssemblyName").Select(element => element.Value.Trim()).LastOrDefault() ?? Name;

    public string DockerfilePath => Path.Combine(RepositoryRoot.Path, "src", Name, "Dockerfile");

    /// <summary>Every project this one references, directly or through another, as repository-relative csproj paths.</summary>
    public IReadOnlySet<string> ReferencedProjectFiles()
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([ProjectFile]);
        while (pending.TryPop(out var project))
        {
            var directory = Path.GetDirectoryName(Path.Combine(RepositoryRoot.Path, project))!;
            foreach (var reference in XDocument.Load(Path.Combine(RepositoryRoot.Path, project)).Descendants("ProjectReference"))
            {
                var full = Path.GetFullPath(Path.Combine(directory, reference.Attribute("Include")!.Value.Replace('\\', '/')));
                var relative = Path.GetRelativePath(RepositoryRoot.Path, full).Replace('\\', '/');
                if (found.Add(relative))
                {
                    pending.Push(relative);
                }
            }
        }

        return found;
    }

    private XDocument Load() => XDocument.Load(Path.Combine(RepositoryRoot.Path, ProjectFile));

    public override string ToString() => Name;
}
