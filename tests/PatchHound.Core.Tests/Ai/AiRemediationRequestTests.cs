using PatchHound.Core.Ai;
using PatchHound.Core.Tests.Common;

namespace PatchHound.Core.Tests.Ai;

public class AiRemediationRequestTests
{
    private static AiRemediationRequest Pending() =>
        new(TestData.TenantId, null, "CVE-2024-3400", "How do I mitigate CVE-2024-3400 on PAN-OS 10.2?", TestData.Now);

    private static AiRemediationRequest Claimed()
    {
        var request = Pending();
        request.Claim("worker-1", TestData.Now);
        return request;
    }

    [Fact]
    public void Claiming_records_the_worker_and_counts_the_attempt()
    {
        var request = Claimed();

        request.Status.Should().Be(AiRemediationStatus.Claimed);
        request.ClaimedBy.Should().Be("worker-1");
        request.Attempts.Should().Be(1);
    }

    [Fact]
    public void Claimed_request_cannot_be_claimed_by_another_worker()
    {
        var request = Claimed();

        var act = () => request.Claim("worker-2", TestData.Now);

        act.ShouldViolate("ai_request.invalid_transition");
        request.ClaimedBy.Should().Be("worker-1");
    }

    [Fact]
    public void Completed_request_holds_the_result_and_is_final()
    {
        var request = Claimed();

        request.Complete("Upgrade to 10.2.9-h1.", TestData.Now.AddMinutes(1));

        request.Result.Should().Be("Upgrade to 10.2.9-h1.");
        ((Action)(() => request.Fail("late", TestData.Now))).ShouldViolate("ai_request.invalid_transition");
        ((Action)request.Retry).ShouldViolate("ai_request.invalid_transition");
    }

    [Fact]
    public void Failed_request_can_be_retried_and_claimed_again()
    {
        var request = Claimed();
        request.Fail("model timeout", TestData.Now);

        request.Retry();
        request.Claim("worker-2", TestData.Now.AddMinutes(1));

        request.Attempts.Should().Be(2);
        request.ClaimedBy.Should().Be("worker-2");
    }

    [Fact]
    public void Only_a_claimed_request_can_be_released()
    {
        ((Action)Pending().Release).ShouldViolate("ai_request.invalid_transition");

        var request = Claimed();
        request.Release();

        request.Status.Should().Be(AiRemediationStatus.Pending);
        request.ClaimedBy.Should().BeNull();
    }
}
