using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PatchHound.Infrastructure.Ai;
using PatchHound.Infrastructure.Persistence;
using PatchHound.Infrastructure.Tenancy;
using PatchHound.IntegrationTests.Harness;

namespace PatchHound.IntegrationTests.Ai;

/// <summary>The AI services wired by <see cref="AiRegistration.AddAiRemediation"/>, against a test database and a fake provider.</summary>
public static class AiTestServices
{
    public const string ApiKeyName = "Secrets:AiProviderKey";
    public const string ApiKey = "sk-test-5f1c9a7e2b4d4c8e-never-store-me";
    public const string Model = "gpt-4o-mini";

    public static ServiceProvider Build(
        TestDatabase database,
        FakeChatCompletionsServer provider,
        IDictionary<string, string?>? overrides = null,
        TimeProvider? time = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Ai:Enabled"] = "true",
            ["Ai:Provider"] = nameof(AiProvider.OpenAI),
            ["Ai:BaseUrl"] = provider.BaseUrl.ToString(),
            ["Ai:Model"] = Model,
            ["Ai:ApiKeyReference"] = ApiKeyName,
            ["Ai:Timeout"] = "00:00:05",
            [ApiKeyName] = ApiKey,
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        if (time is not null)
        {
            services.AddSingleton(time);
        }

        services.AddScoped<TenantContext>();
        services.AddDbContext<PatchHoundDbContext>(options =>
            ((DbContextOptionsBuilder<PatchHoundDbContext>)options).UsePatchHoundPostgres(database.AppConnectionString()));
        services.AddAiRemediation(configuration);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
    }

    /// <summary>A scope acting for the tenant, as the job does after <c>db.Tenant.Enter(tenantId)</c>.</summary>
    public static AsyncServiceScope ForTenant(this ServiceProvider services, Guid tenantId)
    {
        var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<PatchHoundDbContext>().Tenant.Enter(tenantId);
        return scope;
    }

    public static AiRemediationProcessor Processor(this AsyncServiceScope scope) =>
        scope.ServiceProvider.GetRequiredService<AiRemediationProcessor>();

    public static AiRemediationClaims Claims(this AsyncServiceScope scope) =>
        scope.ServiceProvider.GetRequiredService<AiRemediationClaims>();
}
