using PatchHound.Core.Findings;
using PatchHound.Core.Tests.Common;

namespace PatchHound.Core.Tests.Findings;

public class FindingTests
{
    private static readonly DateTimeOffset Due = TestData.Now.AddDays(7);

    private static Finding Open() =>
        new(TestData.TenantId, TestData.DeviceId, "CVE-2024-3400", TestData.SourceId, "PAN-OS", "10.2.9", TestData.Now, Due);

    private static Finding Resolved()
    {
        var finding = Open();
        finding.Resolve(TestData.Now.AddDays(1));
        return finding;
    }

    private static Finding RiskAccepted()
    {
        var finding = Open();
        finding.AcceptRisk();
        return finding;
    }

    [Fact]
    public void New_finding_is_open_with_its_sla_deadline()
    {
        var finding = Open();

        finding.Status.Should().Be(FindingStatus.Open);
        finding.SlaDueAt.Should().Be(Due);
        finding.LastSeenAt.Should().Be(TestData.Now);
        finding.ReopenCount.Should().Be(0);
    }

    [Fact]
    public void Observing_moves_last_seen_forward_only()
    {
        var finding = Open();

        finding.Observe(TestData.Now.AddHours(3));
        finding.Observe(TestData.Now.AddHours(1));

        finding.LastSeenAt.Should().Be(TestData.Now.AddHours(3));
    }

    [Fact]
    public void Resolving_an_open_finding_records_when()
    {
        var finding = Resolved();

        finding.Status.Should().Be(FindingStatus.Resolved);
        finding.ResolvedAt.Should().Be(TestData.Now.AddDays(1));
    }

    [Fact]
    public void Risk_accepted_finding_can_be_resolved()
    {
        var finding = RiskAccepted();

        finding.Resolve(TestData.Now);

        finding.Status.Should().Be(FindingStatus.Resolved);
    }

    [Fact]
    public void Resolving_twice_is_refused()
    {
        var finding = Resolved();

        var act = () => finding.Resolve(TestData.Now.AddDays(2));

        act.Should().Throw<PatchHound.Core.Common.DomainRuleViolationException>()
            .Where(e => e.Code == "finding.invalid_transition" && e.Message.Contains("from Resolved to Resolved"));
    }

    [Fact]
    public void Reopening_a_resolved_finding_counts_the_comeback_and_sets_a_new_deadline()
    {
        var finding = Resolved();
        var reopenedAt = TestData.Now.AddDays(10);

        finding.Reopen(reopenedAt, reopenedAt.AddDays(7));

        finding.Status.Should().Be(FindingStatus.Open);
        finding.ReopenCount.Should().Be(1);
        finding.ResolvedAt.Should().BeNull();
        finding.LastSeenAt.Should().Be(reopenedAt);
        finding.SlaDueAt.Should().Be(reopenedAt.AddDays(7));
    }

    [Fact]
    public void Open_finding_cannot_be_reopened()
    {
        var finding = Open();

        var act = () => finding.Reopen(TestData.Now, Due);

        act.ShouldViolate("finding.invalid_transition");
    }

    [Fact]
    public void Risk_accepted_finding_cannot_be_reopened()
    {
        var finding = RiskAccepted();

        var act = () => finding.Reopen(TestData.Now, Due);

        act.ShouldViolate("finding.invalid_transition");
    }

    [Fact]
    public void Resolved_finding_cannot_have_its_risk_accepted()
    {
        var finding = Resolved();

        ((Action)finding.AcceptRisk).ShouldViolate("finding.invalid_transition");
    }

    [Fact]
    public void Expired_risk_acceptance_reopens_the_finding()
    {
        var finding = RiskAccepted();

        finding.ExpireRiskAcceptance();

        finding.Status.Should().Be(FindingStatus.Open);
        finding.ReopenCount.Should().Be(0);
    }

    [Fact]
    public void Only_risk_accepted_findings_have_an_acceptance_to_expire()
    {
        ((Action)Open().ExpireRiskAcceptance).ShouldViolate("finding.invalid_transition");
        ((Action)Resolved().ExpireRiskAcceptance).ShouldViolate("finding.invalid_transition");
    }

    [Fact]
    public void Resolved_finding_seen_again_must_be_reopened_not_observed()
    {
        var finding = Resolved();

        var act = () => finding.Observe(TestData.Now.AddDays(2));

        act.ShouldViolate("finding.observed_while_resolved");
    }

    [Fact]
    public void Finding_refers_to_a_valid_cve()
    {
        var act = () => new Finding(
            TestData.TenantId, TestData.DeviceId, "not-a-cve", TestData.SourceId, "PAN-OS", null, TestData.Now, null);

        act.ShouldViolate("vulnerability.invalid_id");
    }
}
