using System.Text.RegularExpressions;

namespace PatchHound.IntegrationTests.Deployment.Images;

/// <summary>The root .dockerignore: which repository paths the build context leaves out.</summary>
internal sealed class DockerIgnore
{
    private readonly List<Regex> patterns;

    private DockerIgnore(List<Regex> patterns) => this.patterns = patterns;

    public static DockerIgnore Load(string path) =>
        new(File.ReadAllLines(path)
            .Select(line => line.Trim())
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(ToRegex)
            .ToList());

    /// <summary>A path relative to the context root, with forward slashes.</summary>
    public bool Excludes(string path) => patterns.Any(pattern => pattern.IsMatch(path.TrimEnd('/')));

    private static Regex ToRegex(string pattern)
    {
        if (pattern.StartsWith('!'))
        {
            // Exceptions would need last-match-wins ordering; ours has none, and this keeps the matcher honest.
            throw new NotSupportedException($"Exception patterns are not understood by this test: {pattern}");
        }

        var body = Regex.Escape(pattern.TrimStart('/').TrimEnd('/'))
            .Replace(@"\*\*/", "(.*/)?", StringComparison.Ordinal)
            .Replace(@"\*", "[^/]*", StringComparison.Ordinal)
            .Replace(@"\?", "[^/]", StringComparison.Ordinal);

        // A pattern excludes what it names and everything below it.
        return new Regex($"^{body}(/.*)?$", RegexOptions.CultureInvariant);
    }
}
