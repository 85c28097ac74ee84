using PatchHound.Core.Approvals;
using PatchHound.Core.Identity;
using PatchHound.Core.Tests.Common;

namespace PatchHound.Core.Tests.Approvals;

public class RiskAcceptanceTests
{
    private static readonly Guid FindingId = Guid.Parse("0195a000-0000-7000-8000-0000000000f1");
    private static readonly DateTimeOffset Until = TestData.Now.AddDays(90);

    private static ApprovalRequest Request(ApprovalKind kind = ApprovalKind.RiskAcceptance) =>
        new(TestData.TenantId, kind, TestData.Alice, TenantRole.TenantAdmin, FindingId, null, "WAF rule in place",
            TestData.Now, TestData.Now.AddDays(3));

    private static ApprovalRequest Approved(ApprovalKind kind = ApprovalKind.RiskAcceptance)
    {
        var request = Request(kind);
        request.Approve(TestData.Bob, TenantRole.TenantAdmin, TestData.Now, null);
        return request;
    }

    [Fact]
    public void Acceptance_granted_from_an_approved_request_carries_its_tenant_and_justification()
    {
        var approval = Approved();

        var acceptance = RiskAcceptance.ForFinding(approval, FindingId, TestData.Now, Until);

        acceptance.TenantId.Should().Be(approval.TenantId);
        acceptance.ApprovalRequestId.Should().Be(approval.Id);
        acceptance.Scope.Should().Be(RiskAcceptanceScope.Finding);
        acceptance.FindingId.Should().Be(FindingId);
        acceptance.Justification.Should().Be("WAF rule in place");
    }

    [Fact]
    public void Pending_request_grants_no_acceptance()
    {
        var act = () => RiskAcceptance.ForFinding(Request(), FindingId, TestData.Now, Until);

        act.ShouldViolate("risk_acceptance.not_approved");
    }

    [Fact]
    public void Approved_exception_is_not_a_risk_acceptance()
    {
        var act = () => RiskAcceptance.ForVulnerability(Approved(ApprovalKind.Exception), "CVE-2024-3400", TestData.Now, Until);

        act.ShouldViolate("risk_acceptance.not_approved");
    }

    [Fact]
    public void Acceptance_is_active_from_acceptance_until_expiry_or_revocation()
    {
        var acceptance = RiskAcceptance.ForDevice(Approved(), TestData.DeviceId, TestData.Now, Until);

        acceptance.IsActiveAt(TestData.Now.AddTicks(-1)).Should().BeFalse();
        acceptance.IsActiveAt(TestData.Now).Should().BeTrue();
        acceptance.IsActiveAt(Until).Should().BeFalse();

        acceptance.Revoke(TestData.Now.AddDays(1));

        acceptance.IsActiveAt(TestData.Now.AddDays(2)).Should().BeFalse();
    }
}
