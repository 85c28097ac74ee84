using System.ComponentModel.DataAnnotations;

namespace PatchHound.Infrastructure.Ai;

/// <summary>Bound from the <c>Ai</c> configuration section.</summary>
public sealed class AiOptions : IValidatableObject
{
    public const string Section = "Ai";

    /// <summary>When false, requests stay pending and no provider is called.</summary>
    public bool Enabled { get; set; }

    public AiProvider Provider { get; set; } = AiProvider.OpenAI;

    /// <summary>Scheme and host, without <c>/v1</c>: e.g. <c>https://api.openai.com</c>, <c>https://contoso.openai.azure.com</c>, <c>http://localhost:11434</c>.</summary>
    public Uri? BaseUrl { get; set; }

    /// <summary>The model name sent in the body (OpenAI, Ollama).</summary>
    public string? Model { get; set; }

    /// <summary>The Azure OpenAI deployment, which chooses the model there.</summary>
    public string? Deployment { get; set; }

    /// <summary>The Azure OpenAI <c>api-version</c> query parameter.</summary>
    public string ApiVersion { get; set; } = "2024-10-21";

    /// <summary>
    /// The name of the configuration key (or secret) that holds the API key, never the key itself: it is read
    /// at call time so that a rotated secret takes effect without a restart.
    /// </summary>
    public string? ApiKeyReference { get; set; }

    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>Claims of one request, after which it fails instead of going back to pending.</summary>
    [Range(1, 20)]
    public int MaxAttempts { get; set; } = 3;

    /// <summary>How long a claim may stay unanswered before the sweeper gives the request to another worker.</summary>
    [Range(typeof(TimeSpan), "00:00:10", "1.00:00:00")]
    public TimeSpan ClaimTimeout { get; set; } = TimeSpan.FromMinutes(5);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (ClaimTimeout <= Timeout)
        {
            yield return new ValidationResult(
                "Ai:ClaimTimeout must be longer than Ai:Timeout, or a slow but live call would lose its claim.",
                [nameof(ClaimTimeout), nameof(Timeout)]);
        }

        if (!Enabled)
        {
            yield break;
        }

        if (BaseUrl is not { IsAbsoluteUri: true } || (BaseUrl.Scheme != Uri.UriSchemeHttps && BaseUrl.Scheme != Uri.UriSchemeHttp))
        {
            yield return new ValidationResult("Ai:BaseUrl must be an absolute http(s) URL.", [nameof(BaseUrl)]);
        }

        if (Provider == AiProvider.AzureOpenAI)
        {
            if (string.IsNullOrWhiteSpace(Deployment) || string.IsNullOrWhiteSpace(ApiVersion))
            {
                yield return new ValidationResult(
                    "Azure OpenAI needs Ai:Deployment and Ai:ApiVersion.", [nameof(Deployment), nameof(ApiVersion)]);
            }
        }
        else if (string.IsNullOrWhiteSpace(Model))
        {
            yield return new ValidationResult($"{Provider} needs Ai:Model.", [nameof(Model)]);
        }

        if (Provider != AiProvider.Ollama && string.IsNullOrWhiteSpace(ApiKeyReference))
        {
            yield return new ValidationResult(
                $"{Provider} needs Ai:ApiKeyReference, the name of the setting that holds the key.", [nameof(ApiKeyReference)]);
        }
    }
}
