using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PatchHound.Core.Remediation;
using PatchHound.Core.Sources;
using PatchHound.Infrastructure.Realtime;
using PatchHound.Infrastructure.Sweeps;
using PatchHound.Infrastructure.Tenancy;
using PatchHound.IntegrationTests.Harness;

namespace PatchHound.IntegrationTests.Api.Realtime;

/// <summary>The places that change state publish it: the SLA sweep's set-based inserts, and the ingestion runs API.</summary>
public sealed class RealtimePublishingTests(RealtimeFixture fixture) : IClassFixture<RealtimeFixture>
{
    [Fact]
    public async Task A_notification_written_by_the_sla_sweep_on_instance_A_reaches_its_recipient_on_instance_B()
    {
        var now = DateTimeOffset.UtcNow;
        var analystId = await fixture.Database.UserIdAsync(fixture.TenantA.AnalystEmail);
        var dueSoon = new RemediationCase(fixture.TenantA.Id, "Patch the gateway", null, null, now.AddDays(-1), now.AddDays(1));
        dueSoon.Assign(analystId, now);
        await using (var db = fixture.Database.AppContext(TestDatabaseContexts.ForTenant(fixture.TenantA.Id)))
        {
            db.RemediationCases.Add(dueSoon);
            await db.SaveChangesAsync();
        }

        await using var analyst = await HubClient.ConnectAsync(fixture.ApiB, fixture.TenantA.AnalystEmail);

        await using (var scope = fixture.Api.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<TenantScope>().EnterAsync(fixture.TenantA.Id.ToString(), CancellationToken.None);
            (await scope.ServiceProvider.GetRequiredService<SlaCheck>().RunAsync(CancellationToken.None)).CasesDueSoon.Should().Be(1);
        }

        Guid stored;
        await using (var db = fixture.Database.AppContext(TestDatabaseContexts.ForTenant(fixture.TenantA.Id)))
        {
            stored = await db.Notifications.Where(n => n.RecipientUserId == analystId).Select(n => n.Id).SingleAsync();
        }

        var received = await analyst.WaitForAsync(RealtimeEventNames.Notification, e => e.HasId(stored), RealtimeSamples.Delivery);
        received.GetProperty("kind").GetString().Should().Be("SlaDueSoon");
        received.GetProperty("payload").GetProperty("caseId").GetGuid().Should().Be(dueSoon.Id);
    }

    [Fact]
    public async Task Triggering_and_cancelling_a_run_on_instance_A_is_pushed_to_an_admin_on_instance_B()
    {
        var source = new SourceConfiguration(fixture.TenantA.Id, SourceKind.Simulator, "realtime source", "0 0 1 1 *",
            "http://127.0.0.1:5090", credentialReference: null, DateTimeOffset.UtcNow);
        await using (var db = fixture.Database.AppContext(TestDatabaseContexts.ForTenant(fixture.TenantA.Id)))
        {
            db.SourceConfigurations.Add(source);
            await db.SaveChangesAsync();
        }

        await using var onA = await HubClient.ConnectAsync(fixture.Api, fixture.TenantA.AdminEmail);
        await using var onB = await HubClient.ConnectAsync(fixture.ApiB, fixture.TenantA.AdminEmail);
        var runs = $"/api/tenants/{fixture.TenantA.Slug}/sources/{source.Id}/runs";

        var triggered = await onA.Http.PostAsync(runs, null);
        triggered.StatusCode.Should().Be(HttpStatusCode.Accepted);
        var runId = (await triggered.Content.ReadFromJsonAsync<JsonElement>()).Id();
        var queued = await onB.WaitForAsync(RealtimeEventNames.IngestionRun, e => e.HasId(runId), RealtimeSamples.Delivery);
        (await onA.Http.PostAsync($"{runs}/{runId}/cancel", null)).StatusCode.Should().Be(HttpStatusCode.OK);
        var cancelled = await onB.WaitForAsync(RealtimeEventNames.IngestionRun,
            e => e.HasId(runId) && e.GetProperty("status").GetString() == "Cancelled", RealtimeSamples.Delivery);

        queued.GetProperty("status").GetString().Should().Be("Queued");
        queued.GetProperty("trigger").GetString().Should().Be("Manual");
        cancelled.GetProperty("finishedAt").GetDateTimeOffset().Should().BeCloseTo(DateTimeOffset.UtcNow, TimeSpan.FromMinutes(1));
    }
}
