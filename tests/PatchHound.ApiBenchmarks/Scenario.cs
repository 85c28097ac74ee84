namespace PatchHound.ApiBenchmarks;

/// <summary>A findings list request, walked page by page through the whole tenant.</summary>
internal sealed record Scenario(string Name, string Query)
{
    public static IReadOnlyList<Scenario> All { get; } =
    [
        new("default", "limit=50"),
        new("severity", "status=Open&sort=-severity&limit=50"),
    ];
}
