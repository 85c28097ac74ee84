using System.Diagnostics;
using System.Net;
using PatchHound.Core.Ingestion;
using PatchHound.Core.Sources;
using PatchHound.Infrastructure.Realtime;
using PatchHound.IntegrationTests.Harness;

namespace PatchHound.IntegrationTests.Api.Realtime;

public sealed class RealtimeRedisOutageTests(RedisOutageFixture fixture) : IClassFixture<RedisOutageFixture>
{
    /// <summary>Generous for a loaded machine; a publish that queued or retried would take far longer.</summary>
    private static readonly TimeSpan MaxPublish = RedisOutageFixture.PublishTimeout + TimeSpan.FromSeconds(2);

    [Fact]
    public async Task With_Redis_down_publishing_returns_quickly_without_error_the_api_keeps_serving_and_delivery_resumes_with_Redis()
    {
        var adminId = await fixture.Database.UserIdAsync(fixture.TenantA.AdminEmail);
        var source = await SeedSourceAsync();
        await using var admin = await HubClient.ConnectAsync(fixture.ApiB, fixture.TenantA.AdminEmail);
        await using var onA = await HubClient.ConnectAsync(fixture.Api, fixture.TenantA.AnalystEmail);
        var events = fixture.Api.Events();

        fixture.Redis.Stop();

        var publishes = new Func<Task>[]
        {
            () => events.NotificationCreatedAsync(RealtimeSamples.Notification(fixture.TenantA.Id, adminId), CancellationToken.None),
            () => events.CaseAssignedAsync(fixture.TenantA.Id, Guid.NewGuid(), adminId, CancellationToken.None),
            () => events.IngestionRunChangedAsync(IngestionRun.Manual(fixture.TenantA.Id, source, DateTimeOffset.UtcNow), CancellationToken.None),
        };
        foreach (var publish in publishes)
        {
            var watch = Stopwatch.StartNew();
            await publish.Should().NotThrowAsync("a lost realtime event must not fail the caller");
            watch.Elapsed.Should().BeLessThan(MaxPublish);
        }

        var runs = $"/api/tenants/{fixture.TenantA.Slug}/sources/{source}/runs";
        var watchTrigger = Stopwatch.StartNew();
        (await admin.Http.PostAsync(runs, null)).StatusCode.Should().Be(HttpStatusCode.Accepted, "an endpoint that publishes still answers");
        watchTrigger.Elapsed.Should().BeLessThan(MaxPublish + TimeSpan.FromSeconds(3));
        (await admin.Http.GetAsync(runs)).StatusCode.Should().Be(HttpStatusCode.OK, "instance B serves without Redis");
        (await onA.Http.GetAsync($"/api/tenants/{fixture.TenantA.Slug}/sources/{source}/runs")).StatusCode
            .Should().Be(HttpStatusCode.Forbidden, "instance A serves (and authorizes) without Redis");

        // Over the test server's long polling the refusal shows as a closed connection or, when the poll itself sees
        // the failed join, as that poll's 500; either way no connection is kept.
        var connectMeanwhile = () => HubClient.ConnectAsync(fixture.ApiB, fixture.TenantA.AuditorEmail);
        var refused = await connectMeanwhile.Should().ThrowAsync<Exception>(
            "the server closes a connection that cannot join its groups, rather than keep one that would get nothing");
        refused.Which.Should().Match(e => e is InvalidOperationException
            || (e is HttpRequestException && ((HttpRequestException)e).StatusCode == HttpStatusCode.InternalServerError));

        await fixture.Redis.StartAsync();

        // The backplane reconnects on its own and restores the connection's group subscriptions.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        Guid? delivered = null;
        while (delivered is null && DateTime.UtcNow < deadline)
        {
            var notification = RealtimeSamples.Notification(fixture.TenantA.Id, adminId);
            await events.NotificationCreatedAsync(notification, CancellationToken.None);
            await Task.Delay(500);
            delivered = admin.Events().Any(e => e.Name == RealtimeEventNames.Notification && e.Payload.HasId(notification.Id))
                ? notification.Id
                : null;
        }

        delivered.Should().NotBeNull("events published after Redis is back reach the connection opened before the outage");
    }

    private async Task<Guid> SeedSourceAsync()
    {
        var source = new SourceConfiguration(fixture.TenantA.Id, SourceKind.Simulator, "outage source", "0 0 1 1 *",
            "http://127.0.0.1:5090", credentialReference: null, DateTimeOffset.UtcNow);
        await using var db = fixture.Database.AppContext(TestDatabaseContexts.ForTenant(fixture.TenantA.Id));
        db.SourceConfigurations.Add(source);
        await db.SaveChangesAsync();
        return source.Id;
    }
}
