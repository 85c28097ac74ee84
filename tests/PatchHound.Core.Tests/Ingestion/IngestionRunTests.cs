using PatchHound.Core.Ingestion;
using PatchHound.Core.Tests.Common;

namespace PatchHound.Core.Tests.Ingestion;

public class IngestionRunTests
{
    private static IngestionRun Queued() => IngestionRun.Manual(TestData.TenantId, TestData.SourceId, TestData.Now);

    private static IngestionRun Running()
    {
        var run = Queued();
        run.Start(TestData.Now);
        return run;
    }

    private static IngestionRun Failed()
    {
        var run = Running();
        run.Fail("timeout", TestData.Now);
        return run;
    }

    [Fact]
    public void Scheduled_run_remembers_its_cron_slot_and_is_queued()
    {
        var slot = TestData.Now.AddMinutes(-1);

        var run = IngestionRun.Scheduled(TestData.TenantId, TestData.SourceId, slot, TestData.Now);

        run.Status.Should().Be(IngestionRunStatus.Queued);
        run.Trigger.Should().Be(IngestionTrigger.Scheduled);
        run.ScheduledSlot.Should().Be(slot);
        run.IsActive.Should().BeTrue();
    }

    [Fact]
    public void Starting_counts_the_first_attempt()
    {
        var run = Running();

        run.Status.Should().Be(IngestionRunStatus.Running);
        run.AttemptCount.Should().Be(1);
        run.StartedAt.Should().Be(TestData.Now);
    }

    [Fact]
    public void Successful_run_is_finished_and_no_longer_active()
    {
        var run = Running();

        run.Succeed(TestData.Now.AddMinutes(5));

        run.Status.Should().Be(IngestionRunStatus.Succeeded);
        run.FinishedAt.Should().Be(TestData.Now.AddMinutes(5));
        run.IsActive.Should().BeFalse();
    }

    [Fact]
    public void Failed_run_keeps_its_error_and_can_be_retried()
    {
        var run = Failed();
        run.Error.Should().Be("timeout");

        run.Retry(TestData.Now.AddMinutes(1));

        run.Status.Should().Be(IngestionRunStatus.Running);
        run.AttemptCount.Should().Be(2);
        run.Error.Should().BeNull();
        run.FinishedAt.Should().BeNull();
    }

    [Fact]
    public void Failed_run_can_be_dead_lettered_and_requeued_by_an_operator()
    {
        var run = Failed();

        run.DeadLetter("gave up after retries", TestData.Now);
        run.Requeue(TestData.Now.AddHours(1));

        run.Status.Should().Be(IngestionRunStatus.Running);
        run.AttemptCount.Should().Be(2);
    }

    [Fact]
    public void Queued_run_can_be_cancelled()
    {
        var run = Queued();

        run.Cancel(TestData.Now);

        run.Status.Should().Be(IngestionRunStatus.Cancelled);
    }

    [Fact]
    public void Succeeded_run_is_final()
    {
        var run = Running();
        run.Succeed(TestData.Now);

        ((Action)(() => run.Fail("late", TestData.Now))).ShouldViolate("ingestion_run.invalid_transition");
        ((Action)(() => run.Cancel(TestData.Now))).ShouldViolate("ingestion_run.invalid_transition");
        ((Action)(() => run.Retry(TestData.Now))).ShouldViolate("ingestion_run.invalid_transition");
    }

    [Fact]
    public void Cancelled_run_is_final()
    {
        var run = Queued();
        run.Cancel(TestData.Now);

        ((Action)(() => run.Start(TestData.Now))).ShouldViolate("ingestion_run.invalid_transition");
        ((Action)(() => run.Requeue(TestData.Now))).ShouldViolate("ingestion_run.invalid_transition");
    }

    [Fact]
    public void Queued_run_cannot_succeed_without_running()
    {
        var run = Queued();

        var act = () => run.Succeed(TestData.Now);

        act.ShouldViolate("ingestion_run.invalid_transition");
    }

    [Fact]
    public void Failed_run_cannot_be_cancelled()
    {
        var run = Failed();

        var act = () => run.Cancel(TestData.Now);

        act.ShouldViolate("ingestion_run.invalid_transition");
    }

    [Fact]
    public void Running_run_cannot_be_started_again()
    {
        var run = Running();

        var act = () => run.Start(TestData.Now);

        act.ShouldViolate("ingestion_run.invalid_transition");
    }

    [Fact]
    public void Retries_stop_when_the_budget_is_spent()
    {
        var run = Failed();
        run.CanRetry(retryCount: 1).Should().BeTrue();

        run.Retry(TestData.Now);
        run.Fail("timeout again", TestData.Now);

        run.CanRetry(retryCount: 1).Should().BeFalse();
        run.CanRetry(retryCount: 2).Should().BeTrue();
    }

    [Fact]
    public void Progress_adds_up_across_batches()
    {
        var run = Running();

        run.RecordProgress(new IngestionProgress { PagesDone = 1, DevicesSeen = 10, FindingsSeen = 40, FindingsNew = 5 });
        run.RecordProgress(new IngestionProgress { PagesDone = 1, FindingsSeen = 2, FindingsReopened = 1, FindingsResolved = 3 });

        run.PagesDone.Should().Be(2);
        run.DevicesSeen.Should().Be(10);
        run.FindingsSeen.Should().Be(42);
        run.FindingsNew.Should().Be(5);
        run.FindingsReopened.Should().Be(1);
        run.FindingsResolved.Should().Be(3);
    }

    [Fact]
    public void Progress_is_refused_unless_the_run_is_running()
    {
        var run = Queued();

        var act = () => run.RecordProgress(new IngestionProgress { PagesDone = 1 });

        act.ShouldViolate("ingestion_run.not_running");
    }

    [Fact]
    public void Negative_progress_is_refused()
    {
        var run = Running();

        var act = () => run.RecordProgress(new IngestionProgress { FindingsSeen = -1 });

        act.ShouldViolate("ingestion_run.invalid_progress");
    }

    [Fact]
    public void A_dead_lettered_run_whose_staging_was_discarded_says_so_first_and_keeps_its_error()
    {
        var run = Running();
        run.DeadLetter("SourcePayloadException: truncated", TestData.Now);

        run.RecordStagingDiscarded(TestData.Now.AddDays(7));

        run.Status.Should().Be(IngestionRunStatus.DeadLettered);
        run.Error.Should().StartWith("Staged pages discarded on ").And.Contain("cannot resume").And.EndWith("SourcePayloadException: truncated");
    }

    [Fact]
    public void Only_a_dead_lettered_run_has_its_staging_discarded()
    {
        var run = Running();

        var act = () => run.RecordStagingDiscarded(TestData.Now);

        act.ShouldViolate("ingestion_run.not_dead_lettered");
    }
}
