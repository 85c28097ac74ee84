using System.Text;
using System.Text.Json;

namespace PatchHound.IntegrationTests.Deployment.Images;

internal sealed record DockerInstruction(string Keyword, IReadOnlyList<string> Flags, IReadOnlyList<string> Arguments, int Line)
{
    public string? Flag(string name) =>
        Flags.Where(flag => flag.StartsWith($"--{name}=", StringComparison.Ordinal)).Select(flag => flag[(name.Length + 3)..]).FirstOrDefault();
}

internal sealed record DockerStage(string BaseImage, string? Name, IReadOnlyList<DockerInstruction> Instructions);

/// <summary>
/// Enough of the Dockerfile grammar for our own files: comments, line continuations, flags, and the shell and exec
/// (JSON) forms. Unknown instructions are an error, like in BuildKit.
/// </summary>
internal sealed class Dockerfile
{
    private static readonly HashSet<string> Keywords =
    [
        "FROM", "RUN", "CMD", "LABEL", "EXPOSE", "ENV", "ADD", "COPY", "ENTRYPOINT", "VOLUME", "USER", "WORKDIR", "ARG",
        "ONBUILD", "STOPSIGNAL", "HEALTHCHECK", "SHELL",
    ];

    private Dockerfile(IReadOnlyList<DockerStage> stages) => Stages = stages;

    public IReadOnlyList<DockerStage> Stages { get; }

    public DockerStage Final => Stages[^1];

    public static Dockerfile Parse(string text)
    {
        var stages = new List<(string Image, string? Name, List<DockerInstruction> Instructions)>();
        foreach (var instruction in Instructions(text))
        {
            if (instruction.Keyword == "FROM")
            {
                var name = instruction.Arguments is [_, var alias, var stageName] && alias.Equals("AS", StringComparison.OrdinalIgnoreCase)
                    ? stageName
                    : null;
                stages.Add((instruction.Arguments[0], name, []));
            }
            else if (stages.Count > 0)
            {
                stages[^1].Instructions.Add(instruction);
            }
            else if (instruction.Keyword != "ARG")
            {
                throw new FormatException($"Line {instruction.Line}: {instruction.Keyword} before the first FROM.");
            }
        }

        return new Dockerfile(stages.Select(stage => new DockerStage(stage.Image, stage.Name, stage.Instructions)).ToList());
    }

    private static IEnumerable<DockerInstruction> Instructions(string text)
    {
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        var logical = new StringBuilder();
        var start = 0;
        for (var index = 0; index < lines.Length; index++)
        {
            var line = lines[index].Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            if (logical.Length == 0)
            {
                start = index + 1;
            }

            var continues = line.EndsWith('\\');
            logical.Append(continues ? line[..^1] : line).Append(' ');
            if (!continues)
            {
                yield return ParseInstruction(logical.ToString().Trim(), start);
                logical.Clear();
            }
        }

        if (logical.Length > 0)
        {
            throw new FormatException($"Line {start}: the last instruction ends with a continuation.");
        }
    }

    private static DockerInstruction ParseInstruction(string text, int line)
    {
        var split = text.IndexOf(' ', StringComparison.Ordinal);
        var keyword = (split < 0 ? text : text[..split]).ToUpperInvariant();
        if (!Keywords.Contains(keyword))
        {
            throw new FormatException($"Line {line}: unknown instruction {keyword}.");
        }

        var rest = split < 0 ? "" : text[(split + 1)..].Trim();
        var flags = new List<string>();
        while (rest.StartsWith("--", StringComparison.Ordinal))
        {
            var end = rest.IndexOf(' ', StringComparison.Ordinal);
            flags.Add(end < 0 ? rest : rest[..end]);
            rest = end < 0 ? "" : rest[(end + 1)..].TrimStart();
        }

        // HEALTHCHECK [flags] CMD <command>: the command has the shell or exec form of its own.
        var prefix = keyword == "HEALTHCHECK" && rest.StartsWith("CMD ", StringComparison.Ordinal) ? "CMD" : null;
        rest = prefix is null ? rest : rest[prefix.Length..].TrimStart();
        var arguments = rest.StartsWith('[') ? JsonSerializer.Deserialize<List<string>>(rest) ?? [] : Tokens(rest);
        if (prefix is not null)
        {
            arguments.Insert(0, prefix);
        }

        return new DockerInstruction(keyword, flags, arguments, line);
    }

    /// <summary>Whitespace-separated words; double quotes group words and are removed.</summary>
    private static List<string> Tokens(string text)
    {
        var tokens = new List<string>();
        var current = new StringBuilder();
        var quoted = false;
        foreach (var character in text)
        {
            if (character == '"')
            {
                quoted = !quoted;
            }
            else if (char.IsWhiteSpace(character) && !quoted)
            {
                Flush();
            }
            else
            {
                current.Append(character);
            }
        }

        Flush();
        return tokens;

        void Flush()
        {
            if (current.Length > 0)
            {
                tokens.Add(current.ToString());
                current.Clear();
            }
        }
    }
}
