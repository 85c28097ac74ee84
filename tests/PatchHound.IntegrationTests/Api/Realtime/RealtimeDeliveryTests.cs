using PatchHound.Core.Ingestion;
using PatchHound.Infrastructure.Realtime;

namespace PatchHound.IntegrationTests.Api.Realtime;

/// <summary>Events raised on one API instance reach the right users connected to another, through Redis.</summary>
public sealed class RealtimeDeliveryTests(RealtimeFixture fixture) : IClassFixture<RealtimeFixture>
{
    [Fact]
    public async Task A_client_connected_to_instance_B_receives_a_notification_raised_on_instance_A()
    {
        var analystId = await fixture.Database.UserIdAsync(fixture.TenantA.AnalystEmail);
        await using var analyst = await HubClient.ConnectAsync(fixture.ApiB, fixture.TenantA.AnalystEmail);
        var notification = RealtimeSamples.Notification(fixture.TenantA.Id, analystId);

        await fixture.Api.Events().NotificationCreatedAsync(notification, CancellationToken.None);

        var received = await analyst.WaitForAsync(RealtimeEventNames.Notification, e => e.HasId(notification.Id), RealtimeSamples.Delivery);
        received.GetProperty("tenantId").GetGuid().Should().Be(fixture.TenantA.Id);
        received.GetProperty("recipientUserId").GetGuid().Should().Be(analystId);
        received.GetProperty("kind").GetString().Should().Be("SlaBreached");
        received.GetProperty("payload").GetProperty("findingCount").GetInt32().Should().Be(3, "the payload arrives as a JSON object");
        received.GetProperty("createdAt").GetDateTimeOffset().Should().Be(notification.CreatedAt);
    }

    [Fact]
    public async Task A_tenant_wide_notification_reaches_every_member_and_a_personal_one_only_its_recipient()
    {
        var auditorId = await fixture.Database.UserIdAsync(fixture.TenantA.AuditorEmail);
        await using var admin = await HubClient.ConnectAsync(fixture.Api, fixture.TenantA.AdminEmail);
        await using var analyst = await HubClient.ConnectAsync(fixture.ApiB, fixture.TenantA.AnalystEmail);
        await using var auditor = await HubClient.ConnectAsync(fixture.ApiB, fixture.TenantA.AuditorEmail);
        var personal = RealtimeSamples.Notification(fixture.TenantA.Id, auditorId);
        var tenantWide = RealtimeSamples.Notification(fixture.TenantA.Id, recipientUserId: null);

        await fixture.Api.Events().NotificationCreatedAsync(personal, CancellationToken.None);
        await fixture.ApiB.Events().NotificationCreatedAsync(tenantWide, CancellationToken.None);

        foreach (var client in new[] { admin, analyst, auditor })
        {
            await client.WaitForAsync(RealtimeEventNames.Notification, e => e.HasId(tenantWide.Id), RealtimeSamples.Delivery);
        }

        await auditor.WaitForAsync(RealtimeEventNames.Notification, e => e.HasId(personal.Id), RealtimeSamples.Delivery);
        await Task.Delay(RealtimeSamples.Silence);
        admin.Events().Select(e => e.Payload.Id()).Should().Equal([tenantWide.Id], "the admin is not the recipient");
        analyst.Events().Select(e => e.Payload.Id()).Should().Equal([tenantWide.Id], "the analyst is not the recipient");
    }

    [Fact]
    public async Task A_case_assignment_reaches_the_assignee_only()
    {
        var analystId = await fixture.Database.UserIdAsync(fixture.TenantA.AnalystEmail);
        await using var admin = await HubClient.ConnectAsync(fixture.ApiB, fixture.TenantA.AdminEmail);
        await using var analyst = await HubClient.ConnectAsync(fixture.ApiB, fixture.TenantA.AnalystEmail);
        var caseId = Guid.NewGuid();

        await fixture.Api.Events().CaseAssignedAsync(fixture.TenantA.Id, caseId, analystId, CancellationToken.None);

        var received = await analyst.WaitForAsync(
            RealtimeEventNames.CaseAssigned, e => e.GetProperty("caseId").GetGuid() == caseId, RealtimeSamples.Delivery);
        received.GetProperty("tenantId").GetGuid().Should().Be(fixture.TenantA.Id);
        received.GetProperty("assigneeUserId").GetGuid().Should().Be(analystId);
        await Task.Delay(RealtimeSamples.Silence);
        admin.Events().Should().BeEmpty();
    }

    [Fact]
    public async Task Ingestion_run_progress_reaches_the_tenants_admins_only_as_the_runs_api_does()
    {
        await using var admin = await HubClient.ConnectAsync(fixture.ApiB, fixture.TenantA.AdminEmail);
        await using var analyst = await HubClient.ConnectAsync(fixture.ApiB, fixture.TenantA.AnalystEmail);
        await using var auditor = await HubClient.ConnectAsync(fixture.ApiB, fixture.TenantA.AuditorEmail);
        var run = IngestionRun.Manual(fixture.TenantA.Id, Guid.NewGuid(), DateTimeOffset.UtcNow);
        run.Start(DateTimeOffset.UtcNow);
        run.EnterPhase("findings");
        run.RecordProgress(new IngestionProgress { PagesDone = 2, DevicesSeen = 40, FindingsSeen = 100 });

        await fixture.Api.Events().IngestionRunChangedAsync(run, CancellationToken.None);

        var received = await admin.WaitForAsync(RealtimeEventNames.IngestionRun, e => e.HasId(run.Id), RealtimeSamples.Delivery);
        received.GetProperty("sourceId").GetGuid().Should().Be(run.SourceId);
        received.GetProperty("status").GetString().Should().Be("Running");
        received.GetProperty("phase").GetString().Should().Be("findings");
        received.GetProperty("pagesDone").GetInt32().Should().Be(2);
        received.GetProperty("recordsDone").GetInt64().Should().Be(140);
        received.GetProperty("findingsSeen").GetInt32().Should().Be(100);
        await Task.Delay(RealtimeSamples.Silence);
        analyst.Events().Should().BeEmpty();
        auditor.Events().Should().BeEmpty();
    }
}
