using System.Net;
using System.Xml.Linq;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Options;

namespace PatchHound.IntegrationTests.Api.RateLimiting;

/// <summary>The Data Protection key ring rests in Redis sealed with DataProtection:Keys, and Production requires it.</summary>
public sealed class SealedKeyRingTests(ScaleOutFixture fixture) : IClassFixture<ScaleOutFixture>
{
    private const string KeyRing = "patchhound:data-protection:keys";

    [Fact]
    public async Task Redis_holds_only_sealed_key_elements_and_no_master_key_in_clear()
    {
        var cookie = await fixture.InstanceA.SignInAsync(await fixture.NewTenantAdminAsync(fixture.TenantA));
        using var onB = fixture.InstanceB.Client(cookie);
        (await onB.GetAsync(ScaleOutFixture.TenantEndpoint(fixture.TenantA))).StatusCode.Should().Be(HttpStatusCode.OK);

        var elements = (await fixture.RedisClient.GetDatabase().ListRangeAsync(KeyRing)).Select(value => XElement.Parse(value!)).ToList();

        elements.Should().NotBeEmpty();
        foreach (var key in elements)
        {
            // Data Protection puts its markers in a namespace of its own: compare local names.
            var encrypted = key.Descendants().Single(element => element.Name.LocalName == "encryptedSecret");
            encrypted.Elements().Single().Name.LocalName.Should().Be("sealed");
            ((string?)encrypted.Elements().Single().Attribute("keyId")).Should().Be("ring1");
            key.Descendants().Where(element => element.Name.LocalName == "masterKey").Should().BeEmpty("the master key must not rest in clear");
            key.ToString().Should().NotContain(ScaleOutFixture.KeyRingKey);
        }
    }

    [Fact]
    public async Task An_instance_with_another_sealing_key_cannot_open_the_ring_and_refuses_the_cookie_without_failing()
    {
        var cookie = await fixture.InstanceA.SignInAsync(await fixture.NewTenantAdminAsync(fixture.TenantA));
        var otherKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        await using var wrongKey = new ApiInstance(fixture.InstanceSettings(keyRingKey: otherKey));
        using var client = wrongKey.Client(cookie);

        using var response = await client.GetAsync(ScaleOutFixture.TenantEndpoint(fixture.TenantA));

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public void Production_refuses_to_start_without_a_sealing_key_and_names_the_setting()
    {
        var settings = fixture.InstanceSettings();
        settings.Remove("DataProtection:ActiveKeyId");
        settings.Remove("DataProtection:Keys:ring1");
        using var host = new ProductionHost(settings);

        var start = () => host.Services;

        start.Should().Throw<OptionsValidationException>().Where(e => e.Message.Contains("DataProtection:ActiveKeyId"));
    }

    [Fact]
    public void A_malformed_sealing_key_is_refused_at_start_without_echoing_it()
    {
        var settings = fixture.InstanceSettings(keyRingKey: "not-32-bytes-of-base64");
        using var host = new ProductionHost(settings);

        var start = () => host.Services;

        start.Should().Throw<OptionsValidationException>()
            .Where(e => e.Message.Contains("DataProtection:Keys:ring1") && !e.Message.Contains("not-32-bytes-of-base64"));
    }

    /// <summary>The instances' settings in Production, without the demo sign-ins Production refuses for reasons of its own.</summary>
    private sealed class ProductionHost(IReadOnlyDictionary<string, string?> settings) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Production");
            foreach (var (key, value) in settings.Where(setting => !setting.Key.StartsWith("Authentication:Dev", StringComparison.Ordinal)))
            {
                builder.UseSetting(key, value);
            }
        }
    }
}
