using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PatchHound.Infrastructure.Ai;

namespace PatchHound.IntegrationTests.Ai;

public sealed class AiOptionsValidationTests
{
    [Fact]
    public void Switched_off_ai_needs_no_provider_settings()
    {
        var options = Resolve(new Dictionary<string, string?>());

        options.Enabled.Should().BeFalse();
        options.MaxAttempts.Should().Be(3);
    }

    [Fact]
    public void A_complete_azure_configuration_binds()
    {
        var options = Resolve(new Dictionary<string, string?>
        {
            ["Ai:Enabled"] = "true",
            ["Ai:Provider"] = "AzureOpenAI",
            ["Ai:BaseUrl"] = "https://contoso.openai.azure.com",
            ["Ai:Deployment"] = "gpt-4o",
            ["Ai:ApiKeyReference"] = "Secrets:AzureOpenAiKey",
            ["Ai:ClaimTimeout"] = "00:10:00",
        });

        options.Provider.Should().Be(AiProvider.AzureOpenAI);
        options.BaseUrl.Should().Be(new Uri("https://contoso.openai.azure.com"));
        options.ClaimTimeout.Should().Be(TimeSpan.FromMinutes(10));
    }

    [Theory]
    [InlineData("AzureOpenAI", "https://contoso.openai.azure.com", null, "Secrets:Key", "*Azure OpenAI needs Ai:Deployment and Ai:ApiVersion.*")]
    [InlineData("OpenAI", "https://api.openai.com", "gpt-4o-mini", null, "*OpenAI needs Ai:ApiKeyReference*")]
    [InlineData("OpenAI", "https://api.openai.com", null, "Secrets:Key", "*OpenAI needs Ai:Model.*")]
    [InlineData("Ollama", "not a url", "llama3.1", null, "*Ai:BaseUrl must be an absolute http(s) URL.*")]
    public void An_incomplete_provider_configuration_is_refused_at_start(
        string provider, string baseUrl, string? modelOrDeployment, string? keyReference, string expected)
    {
        var resolve = () => Resolve(new Dictionary<string, string?>
        {
            ["Ai:Enabled"] = "true",
            ["Ai:Provider"] = provider,
            ["Ai:BaseUrl"] = baseUrl,
            ["Ai:Model"] = provider == "AzureOpenAI" ? null : modelOrDeployment,
            ["Ai:ApiKeyReference"] = keyReference,
        });

        resolve.Should().Throw<OptionsValidationException>().Which.Failures.Should().ContainMatch(expected);
    }

    [Fact]
    public void A_claim_timeout_shorter_than_the_call_timeout_is_refused()
    {
        var resolve = () => Resolve(new Dictionary<string, string?>
        {
            ["Ai:Timeout"] = "00:02:00",
            ["Ai:ClaimTimeout"] = "00:01:00",
        });

        resolve.Should().Throw<OptionsValidationException>().Which.Failures.Should().ContainMatch("*Ai:ClaimTimeout must be longer than Ai:Timeout*");
    }

    private static AiOptions Resolve(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        using var services = new ServiceCollection().AddAiRemediation(configuration).BuildServiceProvider();
        return services.GetRequiredService<IOptions<AiOptions>>().Value;
    }
}
