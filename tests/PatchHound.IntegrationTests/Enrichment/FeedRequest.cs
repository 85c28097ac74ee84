namespace PatchHound.IntegrationTests.Enrichment;

/// <summary>A request the <see cref="FeedServer"/> received; <c>At</c> is measured from the server's start.</summary>
public sealed record FeedRequest(
    string Path, IReadOnlyDictionary<string, string> Query, IReadOnlyDictionary<string, string> Headers, TimeSpan At);
