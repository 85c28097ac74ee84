using System.Text.Json.Nodes;

namespace PatchHound.IntegrationTests.Deployment.Bicep;

/// <summary>The output of <c>bicep snapshot</c>: the resources a deployment would create, and its outputs.</summary>
internal sealed class DeploymentSnapshot(JsonNode root)
{
    public IReadOnlyList<JsonNode> Resources { get; } =
        root["predictedResources"]?.AsArray().Select(resource => resource!).ToList() ?? [];

    public JsonObject Outputs { get; } = root["outputs"]?.AsObject() ?? [];

    public IReadOnlyList<JsonNode> OfType(string type) =>
        Resources.Where(resource => string.Equals((string?)resource["type"], type, StringComparison.OrdinalIgnoreCase)).ToList();

    /// <summary>The one resource of the type whose name contains the fragment.</summary>
    public JsonNode Single(string type, string nameFragment) =>
        OfType(type).Single(resource => ((string?)resource["name"] ?? "").Contains(nameFragment, StringComparison.Ordinal));

    /// <summary>Container apps and jobs: what runs a PatchHound image.</summary>
    public IReadOnlyList<JsonNode> Workloads =>
        [.. OfType("Microsoft.App/containerApps"), .. OfType("Microsoft.App/jobs")];
}
