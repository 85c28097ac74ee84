using Cronos;
using PatchHound.Infrastructure.Sweeps;

namespace PatchHound.IntegrationTests.Sweeps;

public sealed class CronSlotsTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 10, 30, 0, TimeSpan.Zero);

    private static DateTimeOffset At(int hour, int minute = 0) => new(2026, 3, 1, hour, minute, 0, TimeSpan.Zero);

    [Fact]
    public void Never_scheduled_starts_with_the_latest_slot_at_or_before_now()
    {
        CronSlots.Due("0 * * * *", lastScheduled: null, Now, max: 5).Slots.Should().Equal(At(10));
        CronSlots.Due("30 10 * * *", lastScheduled: null, Now, max: 1).Slots.Should().Equal(Now);
    }

    [Fact]
    public void Due_slots_are_those_after_the_last_scheduled_one_oldest_first()
    {
        var due = CronSlots.Due("0 * * * *", At(7), Now, max: 5);

        due.Slots.Should().Equal(At(8), At(9), At(10));
        due.SkippedOlder.Should().BeFalse();
    }

    [Fact]
    public void Nothing_is_due_when_the_latest_slot_was_scheduled()
    {
        CronSlots.Due("0 * * * *", At(10), Now, max: 5).Slots.Should().BeEmpty();
    }

    [Fact]
    public void Beyond_the_cap_only_the_latest_slots_are_due_and_the_skip_is_reported()
    {
        var due = CronSlots.Due("* * * * *", Now.AddYears(-1), Now, max: 2);

        due.Slots.Should().Equal(Now.AddMinutes(-1), Now);
        due.SkippedOlder.Should().BeTrue();
    }

    [Fact]
    public void An_invalid_expression_is_refused()
    {
        var due = () => CronSlots.Due("61 * * * *", null, Now, max: 1);

        due.Should().Throw<CronFormatException>();
    }
}
