using System.Text.Json.Nodes;
using PatchHound.IntegrationTests.Harness;

namespace PatchHound.IntegrationTests.Deployment.Bicep;

/// <summary>
/// Compiles, lints and snapshots a copy of <c>bicep/</c> once for all the Bicep tests. A snapshot is the compiled ARM
/// template evaluated with one parameter file: loops expanded, parameters and variables substituted.
/// </summary>
public sealed class BicepFixture : IAsyncLifetime
{
    public const string SubscriptionId = "00000000-0000-0000-0000-00000000c0de";

    // What an operator exports before deploying prod; PATCHHOUND_DEPLOY_APPS is removed so the apps are included.
    private static readonly Dictionary<string, string?> Environment = new()
    {
        ["PATCHHOUND_IMAGE_TAG"] = "1.2.3",
        ["PATCHHOUND_PG_ADMIN_OBJECT_ID"] = "11111111-2222-3333-4444-555555555555",
        ["PATCHHOUND_PG_ADMIN_NAME"] = "patchhound-db-admins",
        ["PATCHHOUND_DEPLOY_APPS"] = null,
    };

    private string directory = "";

    internal List<BicepRun> Runs { get; } = [];

    internal JsonNode MainTemplate { get; private set; } = new JsonObject();

    internal DeploymentSnapshot Dev { get; private set; } = null!;

    internal DeploymentSnapshot Prod { get; private set; } = null!;

    /// <summary>Prod in the middle of a Data Protection key rotation: k2 seals, k1 and old_k0 still open.</summary>
    internal DeploymentSnapshot ProdRotatingKeys { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        directory = ScratchDirectory.Create("patchhound-bicep-");
        CopyDirectory(Path.Combine(RepositoryRoot.Path, "bicep"), directory);

        var build = await RunAsync("build", "main.bicep", "--stdout");
        // A failed build is reported by the diagnostics test; the others then see an empty template.
        MainTemplate = build.Result.ExitCode == 0 ? JsonNode.Parse(build.Result.StandardOutput)! : new JsonObject();
        foreach (var file in Directory.EnumerateFiles(directory, "*.bicep*", SearchOption.AllDirectories).Order())
        {
            await RunAsync("lint", Path.GetRelativePath(directory, file));
        }

        Dev = await SnapshotAsync("dev");
        Prod = await SnapshotAsync("prod");
        ProdRotatingKeys = await SnapshotAsync("prod", new()
        {
            ["PATCHHOUND_DP_ACTIVE_KEY_ID"] = "k2",
            ["PATCHHOUND_DP_RETIRED_KEY_IDS"] = "k1,old_k0",
        });
    }

    public Task DisposeAsync()
    {
        ScratchDirectory.DeleteQuietly(directory);
        return Task.CompletedTask;
    }

    private async Task<DeploymentSnapshot> SnapshotAsync(string environmentName, Dictionary<string, string?>? operatorEnvironment = null)
    {
        var environment = new Dictionary<string, string?>(Environment);
        foreach (var (name, value) in operatorEnvironment ?? [])
        {
            environment[name] = value;
        }

        var parameters = $"params/{environmentName}.bicepparam";
        await RunAsync(environment, "build-params", parameters, "--stdout");
        await RunAsync(environment, "snapshot", parameters, "--subscription-id", SubscriptionId, "--tenant-id", SubscriptionId);
        var snapshot = Path.Combine(directory, "params", $"{environmentName}.snapshot.json");
        return new DeploymentSnapshot(File.Exists(snapshot) ? JsonNode.Parse(File.ReadAllText(snapshot))! : new JsonObject());
    }

    private Task<BicepRun> RunAsync(params string[] arguments) => RunAsync(Environment, arguments);

    private async Task<BicepRun> RunAsync(IReadOnlyDictionary<string, string?> environment, params string[] arguments)
    {
        var run = await BicepCli.RunAsync(directory, environment, arguments);
        Runs.Add(run);
        return run;
    }

    private static void CopyDirectory(string source, string target)
    {
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }
    }
}
