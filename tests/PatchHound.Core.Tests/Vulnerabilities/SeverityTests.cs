using PatchHound.Core.Tests.Common;
using PatchHound.Core.Vulnerabilities;

namespace PatchHound.Core.Tests.Vulnerabilities;

public class SeverityTests
{
    [Theory]
    [InlineData(0.0, Severity.None)]
    [InlineData(0.1, Severity.Low)]
    [InlineData(3.9, Severity.Low)]
    [InlineData(4.0, Severity.Medium)]
    [InlineData(6.9, Severity.Medium)]
    [InlineData(7.0, Severity.High)]
    [InlineData(8.9, Severity.High)]
    [InlineData(9.0, Severity.Critical)]
    [InlineData(10.0, Severity.Critical)]
    public void Cvss_scores_map_to_the_v3_bands(double score, Severity expected) =>
        Severity.FromCvss((decimal)score).Should().Be(expected);

    [Theory]
    [InlineData(-0.1)]
    [InlineData(10.1)]
    public void Cvss_scores_outside_zero_to_ten_are_refused(double score)
    {
        var act = () => Severity.FromCvss((decimal)score);

        act.ShouldViolate("vulnerability.invalid_cvss_score");
    }
}
