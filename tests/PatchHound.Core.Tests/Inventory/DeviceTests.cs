using PatchHound.Core.Inventory;
using PatchHound.Core.Tests.Common;

namespace PatchHound.Core.Tests.Inventory;

public class DeviceTests
{
    private static Device NewDevice() =>
        new(TestData.TenantId, TestData.SourceId, "mde-123", "web-01", "Windows", "11", TestData.Now);

    [Fact]
    public void New_device_has_medium_criticality_zero_risk_and_no_tags()
    {
        var device = NewDevice();

        device.Criticality.Should().Be(DeviceCriticality.Medium);
        device.RiskScore.Should().Be(0m);
        device.Tags.Should().BeEmpty();
        device.FirstSeenAt.Should().Be(device.LastSeenAt);
    }

    [Fact]
    public void Observation_updates_details_but_an_older_report_does_not_move_last_seen_back()
    {
        var device = NewDevice();

        device.Observe("web-01.contoso", "Windows", "11 24H2", TestData.Now.AddHours(2));
        device.Observe("web-01.contoso", "Windows", "11 24H2", TestData.Now.AddHours(1));

        device.Name.Should().Be("web-01.contoso");
        device.OsVersion.Should().Be("11 24H2");
        device.LastSeenAt.Should().Be(TestData.Now.AddHours(2));
    }

    [Theory]
    [InlineData(-0.01)]
    [InlineData(100.01)]
    public void Risk_score_outside_zero_to_one_hundred_is_refused(double score)
    {
        var device = NewDevice();

        var act = () => device.ChangeRiskScore((decimal)score);

        act.ShouldViolate("device.invalid_risk_score");
    }

    [Fact]
    public void Tags_are_trimmed_and_deduplicated()
    {
        var device = NewDevice();

        device.ReplaceTags([" prod ", "PROD", "dmz"]);

        device.Tags.Should().Equal("prod", "dmz");
    }
}
