using Microsoft.Extensions.Logging.Abstractions;
using PatchHound.Infrastructure.Defender;
using PatchHound.IntegrationTests.Harness;
using PatchHound.IntegrationTests.Simulator;
using static PatchHound.IntegrationTests.Defender.DefenderTestClient;

namespace PatchHound.IntegrationTests.Defender;

/// <summary>
/// The documentation's examples answer on another host of the Defender API family than the one asked (legacy,
/// regional, government): next links there are followed, links anywhere else are still refused (SSRF).
/// </summary>
public sealed class NextLinkHostFamilyTests
{
    private static readonly Uri Global = new("https://api.security.microsoft.com/");

    [Theory]
    [InlineData("https://api.securitycenter.microsoft.com/api/machines/SoftwareVulnerabilitiesByMachine?pageSize=5&sinceTime=x")]
    [InlineData("https://eu.api.security.microsoft.com/api/machines?$skip=10000")]
    [InlineData("https://api-gov.securitycenter.microsoft.us/api/machines?$skip=10000")]
    [InlineData("https://API.SECURITY.MICROSOFT.COM/api/machines?$skip=10000")]
    public void Documented_hosts_of_the_family_are_followed(string link) =>
        DefenderApiHosts.Allows(DefenderApiHosts.Documented, Global, new Uri(link)).Should().BeTrue();

    [Theory]
    [InlineData("https://api.security.microsoft.com.attacker.example/api/machines")]
    [InlineData("https://attacker.example/api/machines")]
    [InlineData("http://api.securitycenter.microsoft.com/api/machines")]
    [InlineData("https://api.securitycenter.microsoft.com:8443/api/machines")]
    [InlineData("https://security.microsoft.com/api/machines")]
    public void Anything_else_is_refused(string link) =>
        DefenderApiHosts.Allows(DefenderApiHosts.Documented, Global, new Uri(link)).Should().BeFalse();

    [Fact]
    public void A_configured_list_replaces_the_documented_family()
    {
        var options = new DefenderOptions { AllowedApiHosts = ["localhost:5001"] };

        DefenderApiHosts.Allows(options.ApiHosts, new Uri("http://127.0.0.1:5001/"), new Uri("http://localhost:5001/api/machines")).Should().BeTrue();
        DefenderApiHosts.Allows(options.ApiHosts, Global, new Uri("https://api.securitycenter.microsoft.com/api/machines")).Should().BeFalse();
        new DefenderOptions().ApiHosts.Should().BeEquivalentTo(DefenderApiHosts.Documented);
    }

    [Fact]
    public async Task The_simulators_next_links_on_its_alias_host_are_followed_when_allowed_and_refused_otherwise()
    {
        var port = FreePort.Next();
        var tenant = Guid.NewGuid().ToString();
        await using var simulator = await SimulatorServer.StartAsync(new Dictionary<string, string?>
        {
            ["urls"] = $"http://127.0.0.1:{port}",
            ["Simulator:NextLinkAuthority"] = $"localhost:{port}",
            ["Simulator:DefaultTenant:Devices"] = "7",
        });
        var token = await simulator.TokenAsync(tenant);

        var allowed = FastOptions();
        allowed.AllowedApiHosts = [$"localhost:{port}"];
        var pages = await ReadAllAsync(Client(simulator, token, allowed).ReadVulnerabilitiesAsync(null, Timeout()));

        pages.Should().HaveCountGreaterThan(1);
        pages.SkipLast(1).Should().OnlyContain(p => p.NextCursor!.StartsWith($"http://localhost:{port}/", StringComparison.Ordinal));
        pages.SelectMany(p => p.Items).Select(r => r.Id).Should().OnlyHaveUniqueItems().And.HaveCountGreaterThan(7);

        var refused = async () => await ReadAllAsync(Client(simulator, token, FastOptions()).ReadVulnerabilitiesAsync(null, Timeout()));
        (await refused.Should().ThrowAsync<SourcePayloadException>())
            .WithMessage($"The @odata.nextLink of Defender page 1 points to http://localhost:{port}, outside the source's origin http://127.0.0.1:{port} and the allowed Defender API hosts*");
    }

    private static DefenderClient Client(SimulatorServer simulator, string token, DefenderOptions options) =>
        new(
            new HttpClient(),
            new DefenderEndpoint(simulator.BaseAddress, 5),
            new StaticTokenProvider(token),
            options,
            TimeProvider.System,
            NullLogger<DefenderClient>.Instance);
}
