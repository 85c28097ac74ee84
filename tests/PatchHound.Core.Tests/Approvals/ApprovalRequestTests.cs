using PatchHound.Core.Approvals;
using PatchHound.Core.Identity;
using PatchHound.Core.Tests.Common;

namespace PatchHound.Core.Tests.Approvals;

public class ApprovalRequestTests
{
    private static readonly DateTimeOffset Expiry = TestData.Now.AddDays(3);
    private static readonly Guid FindingId = Guid.Parse("0195a000-0000-7000-8000-0000000000f1");

    private static ApprovalRequest Pending(TenantRole approverRole = TenantRole.Analyst) =>
        new(TestData.TenantId, ApprovalKind.RiskAcceptance, TestData.Alice, approverRole, FindingId, null,
            "Compensating control: WAF rule blocks the exploit path.", TestData.Now, Expiry);

    [Fact]
    public void Approval_by_another_user_with_the_role_is_recorded()
    {
        var request = Pending();

        request.Approve(TestData.Bob, TenantRole.Analyst, TestData.Now.AddHours(1), "ok for 90 days");

        request.Status.Should().Be(ApprovalStatus.Approved);
        request.DecidedByUserId.Should().Be(TestData.Bob);
        request.DecidedAt.Should().Be(TestData.Now.AddHours(1));
        request.DecisionComment.Should().Be("ok for 90 days");
    }

    [Fact]
    public void Requester_cannot_approve_their_own_request()
    {
        var request = Pending();

        var act = () => request.Approve(TestData.Alice, TenantRole.TenantAdmin, TestData.Now, null);

        act.ShouldViolate("approval.self_approval");
        request.Status.Should().Be(ApprovalStatus.Pending);
    }

    [Fact]
    public void Approver_without_the_required_role_is_refused()
    {
        var request = Pending(TenantRole.Analyst);

        var act = () => request.Approve(TestData.Bob, TenantRole.Auditor, TestData.Now, null);

        act.ShouldViolate("approval.approver_role");
    }

    [Fact]
    public void Tenant_admin_may_decide_any_request()
    {
        var request = Pending(TenantRole.Auditor);

        request.Deny(TestData.Bob, TenantRole.TenantAdmin, TestData.Now, "no");

        request.Status.Should().Be(ApprovalStatus.Denied);
    }

    [Fact]
    public void Decided_request_cannot_be_decided_again()
    {
        var request = Pending();
        request.Deny(TestData.Bob, TenantRole.Analyst, TestData.Now, null);

        var act = () => request.Approve(TestData.Bob, TenantRole.Analyst, TestData.Now, null);

        act.ShouldViolate("approval.invalid_transition");
    }

    [Fact]
    public void Expiring_before_the_deadline_is_refused()
    {
        var request = Pending();

        var act = () => request.Expire(Expiry.AddTicks(-1));

        act.ShouldViolate("approval.not_yet_expired");
        request.Status.Should().Be(ApprovalStatus.Pending);
    }

    [Fact]
    public void Pending_request_expires_at_its_deadline()
    {
        var request = Pending();

        request.Expire(Expiry);

        request.Status.Should().Be(ApprovalStatus.Expired);
    }

    [Fact]
    public void Approved_request_cannot_expire()
    {
        var request = Pending();
        request.Approve(TestData.Bob, TenantRole.Analyst, TestData.Now, null);

        var act = () => request.Expire(Expiry.AddDays(1));

        act.ShouldViolate("approval.invalid_transition");
    }

    [Fact]
    public void Request_past_its_deadline_can_no_longer_be_approved()
    {
        var request = Pending();

        var act = () => request.Approve(TestData.Bob, TenantRole.Analyst, Expiry, null);

        act.ShouldViolate("approval.expired");
    }

    [Fact]
    public void Request_must_expire_after_it_is_made()
    {
        var act = () => new ApprovalRequest(
            TestData.TenantId, ApprovalKind.Exception, TestData.Alice, TenantRole.TenantAdmin, null, null, "why",
            TestData.Now, TestData.Now);

        act.ShouldViolate("approval.invalid_expiry");
    }
}
