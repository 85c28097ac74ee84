using PatchHound.Core.Sources;
using PatchHound.Core.Tests.Common;

namespace PatchHound.Core.Tests.Sources;

public class SourceConfigurationTests
{
    private static SourceConfiguration Create(
        string cron = "0 */6 * * *",
        string baseUrl = "https://api.securitycenter.microsoft.com",
        string? credential = "kv://patchhound-kv/defender-client-secret",
        int pageSize = 1000) =>
        new(TestData.TenantId, SourceKind.Defender, "Defender", cron, baseUrl, credential, TestData.Now, pageSize);

    [Fact]
    public void New_source_is_enabled_with_the_default_page_size()
    {
        var source = new SourceConfiguration(
            TestData.TenantId, SourceKind.Simulator, "Sim", "*/5 * * * *", "http://simulator:8080", null, TestData.Now);

        source.Enabled.Should().BeTrue();
        source.PageSize.Should().Be(10_000, "Defender serves at most 10,000 items per page and fewer pages mean fewer job hops");
        source.UpdatedAt.Should().Be(TestData.Now);
    }

    [Theory]
    [InlineData("* * * *")]
    [InlineData("0 0 * * * *")]
    [InlineData("   ")]
    public void Schedule_must_have_five_cron_fields(string cron)
    {
        var act = () => Create(cron: cron);

        act.ShouldViolate("source.invalid_cron");
    }

    [Theory]
    [InlineData("api.example.com")]
    [InlineData("ftp://example.com")]
    [InlineData("/relative/path")]
    public void Base_url_must_be_absolute_http_or_https(string baseUrl)
    {
        var act = () => Create(baseUrl: baseUrl);

        act.ShouldViolate("source.invalid_base_url");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10_001)]
    public void Page_size_outside_one_to_ten_thousand_is_refused(int pageSize)
    {
        var act = () => Create(pageSize: pageSize);

        act.ShouldViolate("source.invalid_page_size");
    }

    [Theory]
    [InlineData("kv://vault/secret-name")]
    [InlineData("local://simulator")]
    [InlineData("store://source-0f8fad5bd9cb469fa16570867728950e")]
    public void Secret_references_are_accepted(string reference) =>
        Create(credential: reference).CredentialReference.Should().Be(reference);

    [Theory]
    [InlineData("s3cr3t-P@ssw0rd!")]
    [InlineData("Bearer eyJhbGciOiJIUzI1NiJ9.e30.abc")]
    [InlineData("https://vault/secret")]
    [InlineData("store://Upper-Case")]
    [InlineData("store://trailing-")]
    [InlineData("store://a/b")]
    public void Values_that_are_not_secret_references_are_refused(string value)
    {
        var act = () => Create(credential: value);

        act.ShouldViolate("source.invalid_credential_reference");
    }

    [Fact]
    public void Disabling_records_the_change_time()
    {
        var source = Create();

        source.Disable(TestData.Now.AddHours(1));

        source.Enabled.Should().BeFalse();
        source.UpdatedAt.Should().Be(TestData.Now.AddHours(1));
    }
}
