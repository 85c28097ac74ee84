using System.Text.Json.Nodes;

namespace PatchHound.IntegrationTests.Ai;

/// <summary>A call as <see cref="FakeChatCompletionsServer"/> saw it.</summary>
public sealed record ReceivedChatRequest(string Path, string Query, string? Authorization, string? ApiKey, string Body)
{
    public JsonNode Json => JsonNode.Parse(Body) ?? throw new InvalidOperationException("The request had no JSON body.");
}
