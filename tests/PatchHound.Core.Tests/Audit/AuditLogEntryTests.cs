using PatchHound.Core.Audit;
using PatchHound.Core.Tests.Common;

namespace PatchHound.Core.Tests.Audit;

public class AuditLogEntryTests
{
    [Fact]
    public void Entry_keeps_what_changed()
    {
        var entry = new AuditLogEntry(
            TestData.TenantId, "alice", "finding.resolved", "Finding", "42",
            """{"status":"Open"}""", """{"status":"Resolved"}""", TestData.Now, "trace-1");

        entry.Action.Should().Be("finding.resolved");
        entry.Before.Should().Be("""{"status":"Open"}""");
        entry.After.Should().Be("""{"status":"Resolved"}""");
    }

    [Fact]
    public void Snapshots_must_be_json()
    {
        var act = () => new AuditLogEntry(
            TestData.TenantId, "alice", "finding.resolved", "Finding", "42", "{broken", null, TestData.Now, null);

        act.ShouldViolate("audit.invalid_json");
    }

    [Fact]
    public void Entries_have_no_way_to_change_after_creation()
    {
        typeof(AuditLogEntry).GetProperties().Should().OnlyContain(p => p.SetMethod == null || !p.SetMethod.IsPublic);
        typeof(AuditLogEntry).GetMethods().Where(m => m.DeclaringType == typeof(AuditLogEntry) && !m.IsSpecialName && m.IsPublic)
            .Should().BeEmpty();
    }
}
