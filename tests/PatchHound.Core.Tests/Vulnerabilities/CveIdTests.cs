using PatchHound.Core.Tests.Common;
using PatchHound.Core.Vulnerabilities;

namespace PatchHound.Core.Tests.Vulnerabilities;

public class CveIdTests
{
    [Theory]
    [InlineData("CVE-2024-3400")]
    [InlineData("CVE-2021-44228")]
    [InlineData("CVE-2024-1234567")]
    public void Well_formed_cve_ids_are_valid(string id) => CveId.IsValid(id).Should().BeTrue();

    [Theory]
    [InlineData("CVE-24-3400")]
    [InlineData("CVE-2024-340")]
    [InlineData("GHSA-2024-3400")]
    [InlineData("CVE-2024-3400x")]
    [InlineData("CVE-2024-٣٤٠٠")]
    [InlineData("")]
    public void Malformed_cve_ids_are_refused(string id)
    {
        var act = () => new Vulnerability(id, "title", Severity.High, TestData.Now);

        act.ShouldViolate("vulnerability.invalid_id");
    }

    [Fact]
    public void Cve_ids_are_stored_upper_case()
    {
        var vulnerability = new Vulnerability(" cve-2024-3400 ", "PAN-OS command injection", Severity.Critical, TestData.Now);

        vulnerability.Id.Should().Be("CVE-2024-3400");
    }
}
