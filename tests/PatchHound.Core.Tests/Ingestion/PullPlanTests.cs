using PatchHound.Core.Ingestion;
using PatchHound.Core.Tests.Common;

namespace PatchHound.Core.Tests.Ingestion;

public class PullPlanTests
{
    private static readonly DateTimeOffset Now = TestData.Now;

    [Fact]
    public void A_source_without_an_interval_always_runs_full_exports_without_a_note()
    {
        PullPlan.For(null, Now, Now.AddHours(-1), Now.AddHours(-1)).Should().Be(new PullPlan(IngestionPullMode.Full, null, null));
    }

    [Fact]
    public void Between_full_exports_a_run_reads_the_changes_since_the_last_successful_run()
    {
        var plan = PullPlan.For(7, Now, Now.AddDays(-3), Now.AddHours(-6));

        plan.Should().Be(new PullPlan(IngestionPullMode.Delta, Now.AddHours(-6), null));
    }

    [Fact]
    public void Without_a_successful_full_run_a_delta_falls_back_to_a_full_run_and_says_so()
    {
        var plan = PullPlan.For(7, Now, null, Now.AddHours(-6));

        plan.Mode.Should().Be(IngestionPullMode.Full);
        plan.Note.Should().Be("Delta not possible (no successful full run yet): fell back to a full run.");
    }

    [Fact]
    public void A_since_time_beyond_the_fourteen_day_window_falls_back_to_a_full_run()
    {
        var plan = PullPlan.For(30, Now, Now.AddDays(-20), Now.AddDays(-14));

        plan.Mode.Should().Be(IngestionPullMode.Full);
        plan.Note.Should().Contain("beyond the 14-day delta window").And.Contain("fell back to a full run");
        PullPlan.For(30, Now, Now.AddDays(-20), Now.AddDays(-13)).Mode.Should().Be(IngestionPullMode.Delta, "13 days is inside the window");
    }

    [Fact]
    public void A_full_export_runs_again_when_the_last_one_is_as_old_as_the_interval()
    {
        var plan = PullPlan.For(7, Now, Now.AddDays(-7), Now.AddHours(-1));

        plan.Mode.Should().Be(IngestionPullMode.Full);
        plan.Note.Should().StartWith("Full run: the last one started");
        PullPlan.For(7, Now, Now.AddDays(-6.9), Now.AddHours(-1)).Mode.Should().Be(IngestionPullMode.Delta);
    }
}
