using PatchHound.Core.Notifications;
using PatchHound.Core.Tests.Common;

namespace PatchHound.Core.Tests.Notifications;

public class NotificationTests
{
    private static Notification NewNotification() =>
        new(TestData.TenantId, TestData.Alice, NotificationKind.SlaBreached, "sla-breached:finding-1",
            """{"findingId":"1"}""", TestData.Now);

    [Fact]
    public void Marking_read_twice_keeps_the_first_read_time()
    {
        var notification = NewNotification();

        notification.MarkRead(TestData.Now.AddMinutes(5));
        notification.MarkRead(TestData.Now.AddMinutes(9));

        notification.IsRead.Should().BeTrue();
        notification.ReadAt.Should().Be(TestData.Now.AddMinutes(5));
    }

    [Fact]
    public void Payload_must_be_json()
    {
        var act = () => new Notification(TestData.TenantId, null, NotificationKind.IngestionFailed, "k", "not json", TestData.Now);

        act.ShouldViolate("notification.invalid_payload");
    }
}
