using System.Net;
using System.Reflection;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using PatchHound.Core.Ingestion;
using PatchHound.Infrastructure.Realtime;

namespace PatchHound.IntegrationTests.Api.Realtime;

public sealed class RealtimeIsolationTests(RealtimeFixture fixture) : IClassFixture<RealtimeFixture>
{
    [Fact]
    public async Task No_event_of_tenant_A_reaches_a_user_of_tenant_B_even_one_addressed_to_that_user()
    {
        var adminA = await fixture.Database.UserIdAsync(fixture.TenantA.AdminEmail);
        var adminB = await fixture.Database.UserIdAsync(fixture.TenantB.AdminEmail);
        await using var memberOfA = await HubClient.ConnectAsync(fixture.ApiB, fixture.TenantA.AdminEmail);
        await using var bAdmin = await HubClient.ConnectAsync(fixture.ApiB, fixture.TenantB.AdminEmail);
        await using var bAnalyst = await HubClient.ConnectAsync(fixture.Api, fixture.TenantB.AnalystEmail);
        var events = fixture.Api.Events();
        var run = IngestionRun.Manual(fixture.TenantA.Id, Guid.NewGuid(), DateTimeOffset.UtcNow);

        await events.NotificationCreatedAsync(RealtimeSamples.Notification(fixture.TenantA.Id, null), CancellationToken.None);
        await events.NotificationCreatedAsync(RealtimeSamples.Notification(fixture.TenantA.Id, adminA), CancellationToken.None);
        // Tenant A's data addressed to a user who is not a member of A (say, a stale assignee): still not delivered.
        await events.NotificationCreatedAsync(RealtimeSamples.Notification(fixture.TenantA.Id, adminB), CancellationToken.None);
        await events.CaseAssignedAsync(fixture.TenantA.Id, Guid.NewGuid(), adminB, CancellationToken.None);
        await events.IngestionRunChangedAsync(run, CancellationToken.None);
        var marker = RealtimeSamples.Notification(fixture.TenantB.Id, null);
        await events.NotificationCreatedAsync(marker, CancellationToken.None);

        await memberOfA.WaitForAsync(RealtimeEventNames.IngestionRun, e => e.HasId(run.Id), RealtimeSamples.Delivery);
        foreach (var client in new[] { bAdmin, bAnalyst })
        {
            await client.WaitForAsync(RealtimeEventNames.Notification, e => e.HasId(marker.Id), RealtimeSamples.Delivery);
        }

        await Task.Delay(RealtimeSamples.Silence);
        memberOfA.Events().Should().HaveCount(3, "A's admin gets A's tenant-wide and own notifications and A's run, nothing else");
        bAdmin.Events().Select(e => e.Payload.Id()).Should().Equal([marker.Id], "only tenant B's own event reaches B's admin");
        bAnalyst.Events().Select(e => e.Payload.Id()).Should().Equal([marker.Id], "only tenant B's own event reaches B's analyst");
    }

    [Fact]
    public async Task An_anonymous_connection_is_refused_with_401()
    {
        await using var anonymous = HubClient.Build(fixture.ApiB, cookie: null);

        var start = () => anonymous.StartAsync();

        (await start.Should().ThrowAsync<HttpRequestException>()).Which.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        using var http = fixture.ApiB.CreateClient();
        (await http.PostAsync($"{NotificationsHub.Path}/negotiate?negotiateVersion=1", null)).StatusCode
            .Should().Be(HttpStatusCode.Unauthorized);
        (await http.GetAsync(NotificationsHub.Path)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_connection_gets_the_tenants_of_its_own_memberships_and_cannot_join_any_group_itself()
    {
        await using var analyst = await HubClient.ConnectAsync(fixture.ApiB, fixture.TenantA.AnalystEmail);
        var subscribed = analyst.Received.Single(e => e.Name == RealtimeEventNames.Subscribed).Payload;

        subscribed.GetProperty("tenantIds").EnumerateArray().Select(t => t.GetGuid()).Should().Equal([fixture.TenantA.Id]);
        typeof(NotificationsHub).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Select(m => m.Name).Should().Equal(["OnConnectedAsync"], "a public hub method would be callable by every client");
        var join = () => analyst.Connection.InvokeAsync("AddToGroupAsync", RealtimeGroups.Tenant(fixture.TenantB.Id));
        await join.Should().ThrowAsync<HubException>();
    }
}
