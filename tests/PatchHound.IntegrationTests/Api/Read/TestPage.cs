namespace PatchHound.IntegrationTests.Api.Read;

/// <summary>A list page as the API sends it.</summary>
public sealed record TestPage<T>(List<T> Items, string? NextCursor);
