using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PatchHound.Infrastructure.Persistence;
using PatchHound.Infrastructure.Sweeps;
using PatchHound.Infrastructure.Tenancy;

namespace PatchHound.IntegrationTests.Sweeps;

public sealed class SweepsRegistrationTests
{
    [Fact]
    public void Every_sweep_resolves_in_a_scope_with_default_options()
    {
        using var provider = Services([]).BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
        using var scope = provider.CreateScope();

        scope.ServiceProvider.GetRequiredService<SlaCheck>().Should().NotBeNull();
        scope.ServiceProvider.GetRequiredService<WorkflowTimeouts>().Should().NotBeNull();
        scope.ServiceProvider.GetRequiredService<ApprovalExpiry>().Should().NotBeNull();
        scope.ServiceProvider.GetRequiredService<ScanScheduler>().Should().NotBeNull();
        scope.ServiceProvider.GetRequiredService<IngestionDispatch>().Should().NotBeNull();
        scope.ServiceProvider.GetRequiredService<Retention>().Should().NotBeNull();
        provider.GetRequiredService<IOptions<SweepOptions>>().Value.SlaDueSoonDays.Should().Be(3);
        provider.GetRequiredService<IOptions<RetentionOptions>>().Value.ReadNotificationDays.Should().Be(90);
    }

    [Theory]
    [InlineData("Sweeps:BatchSize", "0")]
    [InlineData("Sweeps:SlaDueSoonDays", "365")]
    [InlineData("Retention:FinishedIngestionRunDays", "0")]
    public void Out_of_range_options_are_refused(string key, string value)
    {
        using var provider = Services(new() { [key] = value }).BuildServiceProvider();

        var read = () => (
            provider.GetRequiredService<IOptions<SweepOptions>>().Value,
            provider.GetRequiredService<IOptions<RetentionOptions>>().Value);

        read.Should().Throw<OptionsValidationException>().WithMessage($"*{key.Split(':')[1]}*");
    }

    private static ServiceCollection Services(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddScoped<TenantContext>();
        services.AddDbContext<PatchHoundDbContext>(options =>
            ((DbContextOptionsBuilder<PatchHoundDbContext>)options).UsePatchHoundPostgres("Host=127.0.0.1;Database=unused"));
        services.AddSweeps(configuration);
        return services;
    }
}
