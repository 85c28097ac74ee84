using System.Text.Json.Nodes;
using PatchHound.IntegrationTests.Harness;
using YamlDotNet.Serialization;

namespace PatchHound.IntegrationTests.Deployment.Compose;

/// <summary>
/// <c>docker-compose config</c> of the repository's compose file (Debian's docker-compose; no Docker engine needed):
/// the stack as compose resolves it, env files merged into each service's environment.
/// </summary>
internal sealed class ComposeConfig(JsonObject root)
{
    public static readonly string[] AllProfiles = ["demo", "observability"];

    public static string ComposeFile => Path.Combine(RepositoryRoot.Path, "docker-compose.yml");

    public IEnumerable<string> ServiceNames => Services.Select(pair => pair.Key);

    private JsonObject Services => root["services"]!.AsObject();

    public static async Task<ChildProcessResult> RunAsync(string applicationEnv, string ownerEnv, string redisEnv, params string[] arguments)
    {
        var profiles = AllProfiles.SelectMany(profile => new[] { "--profile", profile });
        return await ChildProcess.RunAsync(
            "docker-compose",
            ["-f", ComposeFile, .. profiles, .. arguments],
            new Dictionary<string, string?>
            {
                ["PATCHHOUND_ENV_FILE"] = applicationEnv,
                ["PATCHHOUND_OWNER_ENV_FILE"] = ownerEnv,
                ["PATCHHOUND_REDIS_ENV_FILE"] = redisEnv,
            },
            workingDirectory: RepositoryRoot.Path);
    }

    /// <summary>Every profile, with the given env files (the examples by default).</summary>
    public static async Task<ComposeConfig> LoadAsync(string? applicationEnv = null, string? ownerEnv = null, string? redisEnv = null)
    {
        var result = await RunAsync(applicationEnv ?? EnvFile.Application.Path, ownerEnv ?? EnvFile.SchemaOwner.Path, redisEnv ?? EnvFile.Redis.Path, "config");
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"docker-compose config failed: {result}");
        }

        var yaml = new DeserializerBuilder().Build().Deserialize<object>(result.StandardOutput);
        var json = new SerializerBuilder().JsonCompatible().Build().Serialize(yaml);
        return new ComposeConfig(JsonNode.Parse(json)!.AsObject());
    }

    public JsonObject Service(string name) => Services[name]?.AsObject() ?? throw new KeyNotFoundException($"No service '{name}'.");

    public IReadOnlyDictionary<string, string> Environment(string service) =>
        Service(service)["environment"]?.AsObject().ToDictionary(pair => pair.Key, pair => (string)pair.Value!, StringComparer.Ordinal)
        ?? new Dictionary<string, string>(StringComparer.Ordinal);

    public IReadOnlyList<string> Strings(string service, string property) =>
        Service(service)[property]?.AsArray().Select(item => (string)item!).ToList() ?? [];

    /// <summary>depends_on: service → condition.</summary>
    public IReadOnlyDictionary<string, string> DependsOn(string service) =>
        Service(service)["depends_on"]?.AsObject().ToDictionary(pair => pair.Key, pair => (string)pair.Value!["condition"]!, StringComparer.Ordinal)
        ?? new Dictionary<string, string>(StringComparer.Ordinal);
}
