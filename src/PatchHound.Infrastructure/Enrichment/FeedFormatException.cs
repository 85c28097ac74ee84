namespace PatchHound.Infrastructure.Enrichment;

/// <summary>A feed document is not what its publisher documents (truncated, not JSON, missing header...).</summary>
public sealed class FeedFormatException(string document, string problem, Exception? inner = null)
    : Exception($"The {document} is malformed: {problem}", inner)
{
    public string Document { get; } = document;
}
