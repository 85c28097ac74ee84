using PatchHound.Core.Sla;
using PatchHound.Core.Tests.Common;
using PatchHound.Core.Vulnerabilities;

namespace PatchHound.Core.Tests.Sla;

public class SlaPolicyTests
{
    private static readonly DateTimeOffset FirstSeen = new(2026, 3, 1, 9, 30, 0, TimeSpan.Zero);
    private static readonly SlaPolicy Policy = new(TestData.TenantId);

    [Fact]
    public void Critical_finding_is_due_seven_days_after_first_seen() =>
        Policy.DueAt(Severity.Critical, FirstSeen, false, null).Should().Be(FirstSeen.AddDays(7));

    [Fact]
    public void High_finding_is_due_thirty_days_after_first_seen() =>
        Policy.DueAt(Severity.High, FirstSeen, false, null).Should().Be(FirstSeen.AddDays(30));

    [Fact]
    public void Medium_finding_is_due_ninety_days_after_first_seen() =>
        Policy.DueAt(Severity.Medium, FirstSeen, false, null).Should().Be(FirstSeen.AddDays(90));

    [Fact]
    public void Low_finding_is_due_one_hundred_eighty_days_after_first_seen() =>
        Policy.DueAt(Severity.Low, FirstSeen, false, null).Should().Be(FirstSeen.AddDays(180));

    [Fact]
    public void Finding_without_severity_has_no_sla()
    {
        Policy.DaysFor(Severity.None).Should().BeNull();
        Policy.DueAt(Severity.None, FirstSeen, true, new DateOnly(2026, 3, 2)).Should().BeNull();
    }

    [Fact]
    public void Known_exploited_vulnerability_is_due_at_the_end_of_an_earlier_kev_due_date()
    {
        var due = Policy.DueAt(Severity.High, FirstSeen, true, new DateOnly(2026, 3, 10));

        due.Should().Be(new DateTimeOffset(2026, 3, 10, 23, 59, 59, 999, 999, TimeSpan.Zero));
    }

    [Fact]
    public void Severity_deadline_wins_when_it_is_earlier_than_the_kev_due_date()
    {
        var due = Policy.DueAt(Severity.Critical, FirstSeen, true, new DateOnly(2026, 4, 30));

        due.Should().Be(FirstSeen.AddDays(7));
    }

    [Fact]
    public void Kev_due_date_is_ignored_when_the_vulnerability_is_not_known_exploited()
    {
        var due = Policy.DueAt(Severity.High, FirstSeen, false, new DateOnly(2026, 3, 2));

        due.Should().Be(FirstSeen.AddDays(30));
    }

    [Fact]
    public void Known_exploited_vulnerability_without_a_due_date_uses_the_severity_deadline()
    {
        var due = Policy.DueAt(Severity.High, FirstSeen, true, null);

        due.Should().Be(FirstSeen.AddDays(30));
    }

    [Fact]
    public void Changed_policy_applies_to_new_due_dates()
    {
        var policy = new SlaPolicy(TestData.TenantId);

        policy.Change(criticalDays: 3, highDays: 14, mediumDays: 60, lowDays: 120);

        policy.DueAt(Severity.Critical, FirstSeen, false, null).Should().Be(FirstSeen.AddDays(3));
        policy.DaysFor(Severity.Low).Should().Be(120);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3651)]
    public void Days_outside_one_to_3650_are_refused_and_the_policy_is_unchanged(int days)
    {
        var policy = new SlaPolicy(TestData.TenantId);

        var act = () => policy.Change(criticalDays: 1, highDays: 2, mediumDays: 3, lowDays: days);

        act.ShouldViolate("sla.invalid_days");
        policy.CriticalDays.Should().Be(7);
    }
}
