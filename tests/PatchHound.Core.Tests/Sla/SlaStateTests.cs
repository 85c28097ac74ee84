using PatchHound.Core.Findings;
using PatchHound.Core.Sla;
using PatchHound.Core.Tests.Common;

namespace PatchHound.Core.Tests.Sla;

public class SlaStateTests
{
    private static readonly TimeSpan Window = TimeSpan.FromDays(3);
    private static readonly DateTimeOffset Due = TestData.Now.AddDays(10);

    [Fact]
    public void Finding_without_a_deadline_has_no_sla() =>
        SlaCalculator.StateAt(null, TestData.Now, Window).Should().Be(SlaState.NoSla);

    [Fact]
    public void Deadline_beyond_the_window_is_within_sla() =>
        SlaCalculator.StateAt(Due, Due - Window - TimeSpan.FromTicks(1), Window).Should().Be(SlaState.WithinSla);

    [Fact]
    public void Deadline_inside_the_window_is_due_soon() =>
        SlaCalculator.StateAt(Due, Due - Window, Window).Should().Be(SlaState.DueSoon);

    [Fact]
    public void Finding_is_breached_from_the_deadline_on() =>
        SlaCalculator.StateAt(Due, Due, Window).Should().Be(SlaState.Breached);

    [Fact]
    public void Open_finding_has_the_state_of_its_deadline() =>
        SlaCalculator.OpenStateAt(FindingStatus.Open, Due, Due, Window).Should().Be(SlaState.Breached);

    [Theory]
    [InlineData(FindingStatus.Resolved)]
    [InlineData(FindingStatus.RiskAccepted)]
    public void Closed_or_accepted_finding_has_no_sla_state(FindingStatus status) =>
        SlaCalculator.OpenStateAt(status, Due, Due, Window).Should().BeNull();

    [Fact]
    public void Negative_window_is_refused()
    {
        var act = () => SlaCalculator.StateAt(Due, TestData.Now, TimeSpan.FromDays(-1));

        act.Should().Throw<ArgumentOutOfRangeException>();
    }
}
