using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace PatchHound.Infrastructure.Ai;

/// <summary>
/// Calls a chat-completions endpoint of OpenAI, Azure OpenAI or Ollama. The API key is read from configuration
/// (under the name <see cref="AiOptions.ApiKeyReference"/> gives) for each call and is kept out of every message.
/// </summary>
public sealed class OpenAiCompatibleClient(HttpClient http, IOptions<AiOptions> options, IConfiguration configuration)
{
    private const string Redacted = "[redacted]";

    /// <summary>The assistant's answer.</summary>
    /// <exception cref="AiTransientException">Rate limit, server error, timeout or network failure.</exception>
    /// <exception cref="AiPermanentException">Refused request, missing key or malformed answer.</exception>
    public async Task<string> CompleteAsync(IReadOnlyList<ChatMessage> messages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var settings = options.Value;
        var apiKey = ReadApiKey(settings);
        try
        {
            return Redact(await SendAsync(settings, apiKey, messages, cancellationToken), apiKey);
        }
        catch (AiTransientException exception) when (Leaks(exception, apiKey))
        {
            // Providers echo parts of a request in their errors; the key must not travel on into logs or rows.
            throw new AiTransientException(Redact(exception.Message, apiKey));
        }
        catch (AiPermanentException exception) when (Leaks(exception, apiKey))
        {
            throw new AiPermanentException(Redact(exception.Message, apiKey));
        }
    }

    private async Task<string> SendAsync(AiOptions settings, string? apiKey, IReadOnlyList<ChatMessage> messages, CancellationToken cancellationToken)
    {
        var model = settings.Provider == AiProvider.AzureOpenAI ? null : settings.Model;
        using var request = new HttpRequestMessage(HttpMethod.Post, Endpoint(settings))
        {
            // Serialized up front so the body has a Content-Length: some gateways refuse chunked uploads.
            Content = new StringContent(JsonSerializer.Serialize(new ChatCompletionRequest(model, messages)), Encoding.UTF8, "application/json"),
        };
        Authorize(request, settings.Provider, apiKey);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.Timeout);
        try
        {
            using var response = await http.SendAsync(request, timeout.Token);
            var body = await response.Content.ReadAsStringAsync(timeout.Token);
            return response.IsSuccessStatusCode
                ? ChatCompletionResponseReader.ReadContent(body)
                : throw StatusError(response.StatusCode, ChatCompletionResponseReader.ReadErrorDetail(body));
        }
        catch (OperationCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            throw new AiTransientException($"The AI provider did not answer within {settings.Timeout}.", exception);
        }
        catch (HttpRequestException exception)
        {
            throw new AiTransientException($"The AI provider could not be reached: {exception.Message}", exception);
        }
    }

    private string? ReadApiKey(AiOptions settings)
    {
        var key = string.IsNullOrWhiteSpace(settings.ApiKeyReference) ? null : configuration[settings.ApiKeyReference];
        if (string.IsNullOrWhiteSpace(key) && settings.Provider != AiProvider.Ollama)
        {
            throw new AiPermanentException(
                $"No API key is configured under '{settings.ApiKeyReference}' (the setting Ai:ApiKeyReference names).");
        }

        return string.IsNullOrWhiteSpace(key) ? null : key;
    }

    private static Uri Endpoint(AiOptions settings)
    {
        var baseUrl = (settings.BaseUrl ?? throw new AiPermanentException("Ai:BaseUrl is not configured.")).AbsoluteUri.TrimEnd('/');
        return settings.Provider switch
        {
            AiProvider.AzureOpenAI => new Uri(
                $"{baseUrl}/openai/deployments/{Uri.EscapeDataString(settings.Deployment ?? string.Empty)}/chat/completions" +
                $"?api-version={Uri.EscapeDataString(settings.ApiVersion)}"),
            _ => new Uri($"{baseUrl}/v1/chat/completions"),
        };
    }

    private static void Authorize(HttpRequestMessage request, AiProvider provider, string? apiKey)
    {
        if (apiKey is null)
        {
            return;
        }

        if (provider == AiProvider.AzureOpenAI)
        {
            request.Headers.Add("api-key", apiKey);
        }
        else
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", apiKey);
        }
    }

    private static bool Leaks(Exception exception, string? apiKey) =>
        apiKey is not null && exception.Message.Contains(apiKey, StringComparison.Ordinal);

    private static string Redact(string text, string? apiKey) =>
        apiKey is null ? text : text.Replace(apiKey, Redacted, StringComparison.Ordinal);

    private static AiProviderException StatusError(HttpStatusCode status, string detail)
    {
        var code = (int)status;
        var described = $"The AI provider answered {code} {status}: {detail}";
        if (status is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout || code >= 500)
        {
            return new AiTransientException(described);
        }

        return status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden
            ? new AiPermanentException($"{described} (check the key that Ai:ApiKeyReference names)")
            : new AiPermanentException(described);
    }
}
