using PatchHound.Core.Ai;
using PatchHound.Infrastructure.Ai;

namespace PatchHound.IntegrationTests.Ai;

public sealed class AiRemediationProcessorTests(AiDatabaseFixture fixture) : IClassFixture<AiDatabaseFixture>, IAsyncLifetime
{
    private FakeChatCompletionsServer provider = null!;

    public async Task InitializeAsync() => provider = await FakeChatCompletionsServer.StartAsync();

    public async Task DisposeAsync() => await provider.DisposeAsync();

    [Fact]
    public async Task Answer_is_stored_and_the_prompt_carries_the_vulnerability_and_the_bearer_key()
    {
        var tenant = await fixture.CreateTenantAsync();
        var requestId = await fixture.AddRequestAsync(tenant, AiDatabaseFixture.CveId);
        await using var services = AiTestServices.Build(fixture.Database, provider);
        await using var scope = services.ForTenant(tenant);

        var outcome = await scope.Processor().ProcessAsync(requestId, "worker-1", CancellationToken.None);

        outcome.Should().Be(AiProcessingOutcome.Completed);
        var stored = await fixture.LoadAsync(tenant, requestId);
        stored.Status.Should().Be(AiRemediationStatus.Completed);
        stored.Result.Should().Be(FakeChatCompletionsServer.DefaultAnswer);
        stored.Attempts.Should().Be(1);
        stored.CompletedAt.Should().NotBeNull();

        var call = provider.Received.Should().ContainSingle().Subject;
        call.Path.Should().Be("/v1/chat/completions");
        call.Authorization.Should().Be($"Bearer {AiTestServices.ApiKey}");
        call.ApiKey.Should().BeNull();
        call.Json["model"]!.GetValue<string>().Should().Be(AiTestServices.Model);
        call.Json["messages"]![0]!["role"]!.GetValue<string>().Should().Be("system");
        call.Json["messages"]![1]!["role"]!.GetValue<string>().Should().Be("user");
        call.Json["messages"]![1]!["content"]!.GetValue<string>().Should()
            .Contain(AiDatabaseFixture.CveId)
            .And.Contain(AiDatabaseFixture.CveTitle)
            .And.Contain("severity: Critical")
            .And.Contain("How do I remediate this on our firewalls?");
    }

    [Fact]
    public async Task Azure_openai_is_called_on_the_deployment_with_the_api_key_header()
    {
        var tenant = await fixture.CreateTenantAsync();
        var requestId = await fixture.AddRequestAsync(tenant);
        await using var services = AiTestServices.Build(fixture.Database, provider, new Dictionary<string, string?>
        {
            ["Ai:Provider"] = nameof(AiProvider.AzureOpenAI),
            ["Ai:Deployment"] = "patchhound-gpt4o",
            ["Ai:ApiVersion"] = "2024-10-21",
        });
        await using var scope = services.ForTenant(tenant);

        var outcome = await scope.Processor().ProcessAsync(requestId, "worker-1", CancellationToken.None);

        outcome.Should().Be(AiProcessingOutcome.Completed);
        var call = provider.Received.Should().ContainSingle().Subject;
        call.Path.Should().Be("/openai/deployments/patchhound-gpt4o/chat/completions");
        call.Query.Should().Be("?api-version=2024-10-21");
        call.ApiKey.Should().Be(AiTestServices.ApiKey);
        call.Authorization.Should().BeNull();
        call.Json["model"].Should().BeNull("Azure OpenAI takes the model from the deployment");
        (await fixture.LoadAsync(tenant, requestId)).Result.Should().Be(FakeChatCompletionsServer.DefaultAnswer);
    }

    [Fact]
    public async Task Ollama_is_called_without_any_key()
    {
        var tenant = await fixture.CreateTenantAsync();
        var requestId = await fixture.AddRequestAsync(tenant);
        await using var services = AiTestServices.Build(fixture.Database, provider, new Dictionary<string, string?>
        {
            ["Ai:Provider"] = nameof(AiProvider.Ollama),
            ["Ai:Model"] = "llama3.1",
            ["Ai:ApiKeyReference"] = null,
        });
        await using var scope = services.ForTenant(tenant);

        var outcome = await scope.Processor().ProcessAsync(requestId, "worker-1", CancellationToken.None);

        outcome.Should().Be(AiProcessingOutcome.Completed);
        var call = provider.Received.Should().ContainSingle().Subject;
        call.Path.Should().Be("/v1/chat/completions");
        call.Authorization.Should().BeNull();
        call.ApiKey.Should().BeNull();
        call.Json["model"]!.GetValue<string>().Should().Be("llama3.1");
    }

    [Fact]
    public async Task The_api_key_never_reaches_the_database_even_when_the_provider_echoes_it()
    {
        var tenant = await fixture.CreateTenantAsync();
        var refused = await fixture.AddRequestAsync(tenant);
        var answered = await fixture.AddRequestAsync(tenant);
        await using var services = AiTestServices.Build(fixture.Database, provider);
        await using var scope = services.ForTenant(tenant);

        provider.ReplyWith(ChatReplies.Error(401, $"Incorrect API key provided: {AiTestServices.ApiKey}.", "invalid_api_key"));
        var refusedOutcome = await scope.Processor().ProcessAsync(refused, "worker-1", CancellationToken.None);
        provider.ReplyWith(ChatReplies.Answer($"Your key {AiTestServices.ApiKey} works; now upgrade."));
        var answeredOutcome = await scope.Processor().ProcessAsync(answered, "worker-1", CancellationToken.None);

        refusedOutcome.Should().Be(AiProcessingOutcome.Failed);
        answeredOutcome.Should().Be(AiProcessingOutcome.Completed);
        provider.Received.Should().OnlyContain(call => call.Authorization == $"Bearer {AiTestServices.ApiKey}");
        (await fixture.LoadAsync(tenant, refused)).Error.Should()
            .Be("The AI provider answered 401 Unauthorized: Incorrect API key provided: [redacted]. (check the key that Ai:ApiKeyReference names)");
        (await fixture.LoadAsync(tenant, answered)).Result.Should().Be("Your key [redacted] works; now upgrade.");
        var everyRow = await fixture.DumpAllRequestRowsAsync();
        everyRow.Should().Contain(refused.ToString()).And.Contain(answered.ToString());
        everyRow.Should().NotContain(AiTestServices.ApiKey);
    }

    [Fact]
    public async Task A_refused_request_fails_with_the_providers_reason_and_is_not_retried()
    {
        var tenant = await fixture.CreateTenantAsync();
        var requestId = await fixture.AddRequestAsync(tenant);
        provider.ReplyWith(ChatReplies.Error(400, "This model's maximum context length is 8192 tokens."));
        await using var services = AiTestServices.Build(fixture.Database, provider);
        await using var scope = services.ForTenant(tenant);

        var outcome = await scope.Processor().ProcessAsync(requestId, "worker-1", CancellationToken.None);
        var again = await scope.Processor().ProcessAsync(requestId, "worker-2", CancellationToken.None);

        outcome.Should().Be(AiProcessingOutcome.Failed);
        again.Should().Be(AiProcessingOutcome.NotClaimed);
        provider.Received.Should().ContainSingle();
        var stored = await fixture.LoadAsync(tenant, requestId);
        stored.Status.Should().Be(AiRemediationStatus.Failed);
        stored.Error.Should().Be("The AI provider answered 400 BadRequest: This model's maximum context length is 8192 tokens.");
        stored.Result.Should().BeNull();
        stored.ClaimedBy.Should().Be("worker-1");
    }

    [Fact]
    public async Task A_rate_limit_puts_the_request_back_to_pending_and_throws_so_the_job_retries()
    {
        var tenant = await fixture.CreateTenantAsync();
        var requestId = await fixture.AddRequestAsync(tenant);
        provider.ReplyWith(ChatReplies.Error(429, "Rate limit reached for requests", "requests"));
        await using var services = AiTestServices.Build(fixture.Database, provider);
        await using var scope = services.ForTenant(tenant);

        var process = () => scope.Processor().ProcessAsync(requestId, "worker-1", CancellationToken.None);

        (await process.Should().ThrowAsync<AiTransientException>())
            .WithMessage("The AI provider answered 429 TooManyRequests: Rate limit reached for requests");
        var stored = await fixture.LoadAsync(tenant, requestId);
        stored.Status.Should().Be(AiRemediationStatus.Pending);
        stored.ClaimedBy.Should().BeNull();
        stored.ClaimedAt.Should().BeNull();
        stored.Attempts.Should().Be(1);
    }

    [Fact]
    public async Task Transient_errors_fail_the_request_once_its_attempts_are_spent()
    {
        var tenant = await fixture.CreateTenantAsync();
        var requestId = await fixture.AddRequestAsync(tenant);
        provider.ReplyWith(ChatReplies.Error(503, "The server is overloaded.", "service_unavailable_error"));
        await using var services = AiTestServices.Build(
            fixture.Database, provider, new Dictionary<string, string?> { ["Ai:MaxAttempts"] = "2" });
        await using var scope = services.ForTenant(tenant);

        var first = () => scope.Processor().ProcessAsync(requestId, "worker-1", CancellationToken.None);
        await first.Should().ThrowAsync<AiTransientException>();
        var second = await scope.Processor().ProcessAsync(requestId, "worker-1", CancellationToken.None);

        second.Should().Be(AiProcessingOutcome.Failed);
        provider.Received.Should().HaveCount(2);
        var stored = await fixture.LoadAsync(tenant, requestId);
        stored.Status.Should().Be(AiRemediationStatus.Failed);
        stored.Attempts.Should().Be(2);
        stored.Error.Should().Be("Gave up on attempt 2: The AI provider answered 503 ServiceUnavailable: The server is overloaded.");
    }

    [Fact]
    public async Task A_provider_that_does_not_answer_in_time_is_a_transient_error()
    {
        var tenant = await fixture.CreateTenantAsync();
        var requestId = await fixture.AddRequestAsync(tenant);
        provider.Reply = async (_, aborted) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(30), aborted);
            return ChatReplies.Answer("too late");
        };
        await using var services = AiTestServices.Build(
            fixture.Database, provider, new Dictionary<string, string?> { ["Ai:Timeout"] = "00:00:01" });
        await using var scope = services.ForTenant(tenant);

        var process = () => scope.Processor().ProcessAsync(requestId, "worker-1", CancellationToken.None);

        (await process.Should().ThrowAsync<AiTransientException>()).WithMessage("The AI provider did not answer within 00:00:01.");
        (await fixture.LoadAsync(tenant, requestId)).Status.Should().Be(AiRemediationStatus.Pending);
    }

    [Theory]
    [InlineData("""{"id":"chatcmpl-1","object":"chat.completion","choices":[]}""", "The AI provider's answer is malformed: it has no choices.")]
    [InlineData("""{"choices":[{"index":0,"message":{"role":"assistant","content":null},"finish_reason":"content_filter"}]}""", "The AI provider's answer is malformed: its message has no text (finish_reason: content_filter).")]
    [InlineData("<html>Bad gateway page</html>", "The AI provider's answer is malformed: it is not JSON.")]
    public async Task A_malformed_answer_fails_the_request_with_a_clear_error(string body, string expectedError)
    {
        var tenant = await fixture.CreateTenantAsync();
        var requestId = await fixture.AddRequestAsync(tenant);
        provider.ReplyWith(ChatReplies.Raw(200, body));
        await using var services = AiTestServices.Build(fixture.Database, provider);
        await using var scope = services.ForTenant(tenant);

        var outcome = await scope.Processor().ProcessAsync(requestId, "worker-1", CancellationToken.None);

        outcome.Should().Be(AiProcessingOutcome.Failed);
        var stored = await fixture.LoadAsync(tenant, requestId);
        stored.Status.Should().Be(AiRemediationStatus.Failed);
        stored.Error.Should().Be(expectedError);
    }

    [Fact]
    public async Task A_missing_key_fails_the_request_naming_the_setting_not_calling_the_provider()
    {
        var tenant = await fixture.CreateTenantAsync();
        var requestId = await fixture.AddRequestAsync(tenant);
        await using var services = AiTestServices.Build(
            fixture.Database, provider, new Dictionary<string, string?> { [AiTestServices.ApiKeyName] = null });
        await using var scope = services.ForTenant(tenant);

        var outcome = await scope.Processor().ProcessAsync(requestId, "worker-1", CancellationToken.None);

        outcome.Should().Be(AiProcessingOutcome.Failed);
        provider.Received.Should().BeEmpty();
        (await fixture.LoadAsync(tenant, requestId)).Error.Should()
            .Be($"No API key is configured under '{AiTestServices.ApiKeyName}' (the setting Ai:ApiKeyReference names).");
    }

    [Fact]
    public async Task A_request_another_worker_holds_is_left_alone()
    {
        var tenant = await fixture.CreateTenantAsync();
        var requestId = await fixture.AddRequestAsync(tenant);
        await using var services = AiTestServices.Build(fixture.Database, provider);
        await using var scope = services.ForTenant(tenant);
        (await scope.Claims().ClaimAsync(requestId, "worker-1", CancellationToken.None)).Should().NotBeNull();

        var outcome = await scope.Processor().ProcessAsync(requestId, "worker-2", CancellationToken.None);

        outcome.Should().Be(AiProcessingOutcome.NotClaimed);
        provider.Received.Should().BeEmpty();
        var stored = await fixture.LoadAsync(tenant, requestId);
        stored.ClaimedBy.Should().Be("worker-1");
        stored.Attempts.Should().Be(1);
    }

    [Fact]
    public async Task Nothing_is_claimed_or_sent_while_ai_is_disabled()
    {
        var tenant = await fixture.CreateTenantAsync();
        var requestId = await fixture.AddRequestAsync(tenant);
        await using var services = AiTestServices.Build(
            fixture.Database, provider, new Dictionary<string, string?> { ["Ai:Enabled"] = "false" });
        await using var scope = services.ForTenant(tenant);

        var outcome = await scope.Processor().ProcessAsync(requestId, "worker-1", CancellationToken.None);
        var swept = await scope.Processor().ProcessPendingAsync("worker-1", 10, CancellationToken.None);

        outcome.Should().Be(AiProcessingOutcome.Disabled);
        swept.Should().BeEmpty();
        provider.Received.Should().BeEmpty();
        (await fixture.LoadAsync(tenant, requestId)).Status.Should().Be(AiRemediationStatus.Pending);
    }
}
