using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace PatchHound.IntegrationTests.Ai;

/// <summary>Answers shaped like OpenAI's (Azure OpenAI and Ollama answer alike).</summary>
public static class ChatReplies
{
    public static IResult Answer(string content) => Json(200, new
    {
        id = "chatcmpl-test",
        @object = "chat.completion",
        created = 1_700_000_000,
        model = "gpt-4o-mini",
        choices = new[] { new { index = 0, message = new { role = "assistant", content }, finish_reason = "stop" } },
        usage = new { prompt_tokens = 42, completion_tokens = 7, total_tokens = 49 },
    });

    public static IResult Error(int status, string message, string type = "invalid_request_error") =>
        Json(status, new { error = new { message, type, param = (string?)null, code = (string?)null } });

    public static IResult Raw(int status, string body) => Results.Text(body, "application/json", statusCode: status);

    private static IResult Json(int status, object body) => Raw(status, JsonSerializer.Serialize(body));
}
