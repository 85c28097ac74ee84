using PatchHound.Core.Scanning;
using PatchHound.Core.Tests.Common;

namespace PatchHound.Core.Tests.Scanning;

public class ScanProfileTests
{
    private static ScanProfile NewProfile() => new(TestData.TenantId, "Weekly DMZ", "0 2 * * 0", [TestData.DeviceId]);

    [Fact]
    public void Scheduling_a_slot_creates_a_requested_scan_and_remembers_the_slot()
    {
        var profile = NewProfile();
        var slot = TestData.Now;

        var request = profile.ScheduleFor(slot, TestData.Now.AddSeconds(3));

        request.Status.Should().Be(ScanRequestStatus.Requested);
        request.ScanProfileId.Should().Be(profile.Id);
        request.TenantId.Should().Be(profile.TenantId);
        request.ScheduledSlot.Should().Be(slot);
        profile.LastScheduledSlot.Should().Be(slot);
    }

    [Fact]
    public void Same_or_earlier_slot_is_not_scheduled_twice()
    {
        var profile = NewProfile();
        profile.ScheduleFor(TestData.Now, TestData.Now);

        var same = () => profile.ScheduleFor(TestData.Now, TestData.Now);
        var earlier = () => profile.ScheduleFor(TestData.Now.AddDays(-7), TestData.Now);

        same.ShouldViolate("scan_profile.slot_already_scheduled");
        earlier.ShouldViolate("scan_profile.slot_already_scheduled");
    }

    [Fact]
    public void Disabled_profile_schedules_nothing()
    {
        var profile = NewProfile();
        profile.Disable();

        var act = () => profile.ScheduleFor(TestData.Now, TestData.Now);

        act.ShouldViolate("scan_profile.disabled");
    }

    [Fact]
    public void Profile_needs_target_devices()
    {
        var act = () => new ScanProfile(TestData.TenantId, "Empty", "0 2 * * 0", []);

        act.ShouldViolate("scan_profile.invalid_targets");
    }

    [Fact]
    public void Scan_request_runs_then_completes_and_is_final()
    {
        var request = NewProfile().ScheduleFor(TestData.Now, TestData.Now);

        request.Start();
        request.Complete();

        request.Status.Should().Be(ScanRequestStatus.Completed);
        ((Action)request.Fail).ShouldViolate("scan_request.invalid_transition");
    }

    [Fact]
    public void Requested_scan_cannot_complete_without_running()
    {
        var request = NewProfile().ScheduleFor(TestData.Now, TestData.Now);

        ((Action)request.Complete).ShouldViolate("scan_request.invalid_transition");
    }
}
