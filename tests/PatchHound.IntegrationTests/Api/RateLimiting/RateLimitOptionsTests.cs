using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PatchHound.Infrastructure.RateLimiting;

namespace PatchHound.IntegrationTests.Api.RateLimiting;

public sealed class RateLimitOptionsTests
{
    [Fact]
    public void Defaults_are_the_documented_edition_limits_per_minute()
    {
        var options = Bind([]);

        options.Window.Should().Be(TimeSpan.FromMinutes(1));
        (options.Editions.Free, options.Editions.Standard, options.Editions.Enterprise).Should().Be((60, 600, 3000));
        options.RedisTimeout.Should().Be(TimeSpan.FromMilliseconds(250));
    }

    [Theory]
    [InlineData("RateLimiting:Editions:Free", "0")]
    [InlineData("RateLimiting:Editions:Enterprise", "-5")]
    [InlineData("RateLimiting:Default", "0")]
    [InlineData("RateLimiting:Window", "02:00:00")]
    [InlineData("RateLimiting:RedisTimeout", "00:00:30")]
    public void Refuses_settings_that_make_no_sense(string key, string value)
    {
        var bind = () => Bind(new Dictionary<string, string?> { [key] = value });

        bind.Should().Throw<OptionsValidationException>().Which.Message.Should().Contain(key.Split(':')[^1]);
    }

    private static PatchHoundRateLimitOptions Bind(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        using var services = new ServiceCollection().AddLogging().AddDistributedRateLimiting(configuration).BuildServiceProvider();
        return services.GetRequiredService<IOptions<PatchHoundRateLimitOptions>>().Value;
    }
}
