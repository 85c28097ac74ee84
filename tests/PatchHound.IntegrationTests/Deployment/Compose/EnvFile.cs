using System.Text.RegularExpressions;
using PatchHound.IntegrationTests.Harness;

namespace PatchHound.IntegrationTests.Deployment.Compose;

/// <summary>A compose env file (<c>NAME="value"  # comment</c>); lines commented out as <c># NAME=value</c> count as offered.</summary>
internal sealed partial record EnvFile(string Path, IReadOnlyList<EnvFile.Variable> Variables)
{
    public static EnvFile Application => Read("deploy/selfhosted/patchhound.env.example");

    public static EnvFile SchemaOwner => Read("deploy/selfhosted/schema-owner.env.example");

    public static EnvFile Redis => Read("deploy/selfhosted/redis.env.example");

    /// <summary>Every example, as an operator copies them all.</summary>
    public static IEnumerable<EnvFile> All => [Application, SchemaOwner, Redis];

    public IEnumerable<Variable> Active => Variables.Where(variable => !variable.CommentedOut);

    public string this[string name] => Active.Single(variable => variable.Name == name).Value;

    public static EnvFile Read(string relativePath)
    {
        var path = System.IO.Path.Combine(RepositoryRoot.Path, relativePath);
        var variables = File.ReadLines(path)
            .Select(line => Assignment().Match(line))
            .Where(match => match.Success)
            .Select(match => new Variable(match.Groups["name"].Value, Unquote(match.Groups["value"].Value.Trim()), match.Groups["hash"].Success))
            .ToList();
        return new EnvFile(path, variables);
    }

    private static string Unquote(string value)
    {
        if (value.Length >= 2 && (value[0] == '"' || value[0] == '\''))
        {
            var end = value.IndexOf(value[0], 1);
            return end < 0 ? value : value[1..end];
        }

        var comment = value.IndexOf(" #", StringComparison.Ordinal);
        return (comment < 0 ? value : value[..comment]).Trim();
    }

    [GeneratedRegex(@"^(?<hash>#\s?)?(?<name>[A-Za-z_][A-Za-z0-9_\-]*)=(?<value>.*)$")]
    private static partial Regex Assignment();

    internal sealed record Variable(string Name, string Value, bool CommentedOut);
}
