using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PatchHound.Core.Notifications;

namespace PatchHound.IntegrationTests.Api.Work;

/// <summary>Each test seeds the notifications it looks at, so their order does not matter.</summary>
public sealed class NotificationsApiTests(WorkApiFixture fixture) : IClassFixture<WorkApiFixture>
{
    private WorkTenant A => fixture.A;

    private WorkTenant B => fixture.B;

    [Fact]
    public async Task A_user_sees_their_own_and_tenant_wide_notifications_never_anyone_elses()
    {
        var (mine, tenantWide, admins, bAnalysts) = await SeedAsync("privacy");
        var analyst = await fixture.ClientAsync(A.Api.AnalystEmail);

        var listed = await IdsAsync(analyst, "?limit=500");

        listed.Should().Contain([mine, tenantWide]).And.NotContain([admins, bAnalysts]);
        await (await analyst.GetAsync(A.Url($"/notifications/{mine}"))).ShouldBeAsync(HttpStatusCode.OK);
        await (await analyst.GetAsync(A.Url($"/notifications/{admins}"))).ShouldBeAsync(HttpStatusCode.NotFound);
        await (await analyst.PostAsync(A.Url($"/notifications/{admins}/read"), null)).ShouldBeAsync(HttpStatusCode.NotFound);
        await (await analyst.GetAsync(A.Url($"/notifications/{bAnalysts}"))).ShouldBeAsync(HttpStatusCode.NotFound);
        await (await analyst.PostAsync(A.Url($"/notifications/{bAnalysts}/read"), null)).ShouldBeAsync(HttpStatusCode.NotFound);
        await (await analyst.GetAsync(B.Url("/notifications"))).ShouldBeAsync(HttpStatusCode.NotFound);
        (await fixture.QueryAsync(A, db => db.Notifications.SingleAsync(n => n.Id == admins))).ReadAt.Should().BeNull();
        (await fixture.QueryAsync(B, db => db.Notifications.SingleAsync(n => n.Id == bAnalysts))).ReadAt.Should().BeNull();
        var payload = (await (await analyst.GetAsync(A.Url($"/notifications/{mine}"))).JsonAsync()).GetProperty("payload");
        payload.GetProperty("tag").GetString().Should().Be("privacy");
    }

    [Fact]
    public async Task Marking_one_read_is_idempotent_audited_once_and_drops_it_from_the_unread_list()
    {
        var (mine, _, _, _) = await SeedAsync("read-one");
        var analyst = await fixture.ClientAsync(A.Api.AnalystEmail);
        (await IdsAsync(analyst, "?unread=true&limit=500")).Should().Contain(mine);

        var first = await analyst.PostAsync(A.Url($"/notifications/{mine}/read"), null);
        var second = await analyst.PostAsync(A.Url($"/notifications/{mine}/read"), null);

        await first.ShouldBeAsync(HttpStatusCode.OK);
        var readAt = (await first.JsonAsync()).GetProperty("readAt").GetDateTimeOffset();
        (await second.JsonAsync()).GetProperty("readAt").GetDateTimeOffset().Should().BeCloseTo(readAt, TimeSpan.FromMilliseconds(1));
        (await IdsAsync(analyst, "?unread=true&limit=500")).Should().NotContain(mine);
        (await IdsAsync(analyst, "?unread=false&limit=500")).Should().Contain(mine);
        var audit = await fixture.QueryAsync(A, db => db.AuditLogEntries.Where(e => e.EntityId == mine.ToString()).ToListAsync());
        audit.Select(e => (e.Action, e.EntityType, e.Actor)).Should().Equal(("notification.read", "Notification", $"user:{A.AnalystId}"));
    }

    [Fact]
    public async Task Marking_all_read_covers_the_callers_and_tenant_wide_ones_only()
    {
        var (mine, tenantWide, admins, bAnalysts) = await SeedAsync("read-all");
        var analyst = await fixture.ClientAsync(A.Api.AnalystEmail);
        var unreadBefore = (await IdsAsync(analyst, "?unread=true&limit=500")).Count;

        var marked = await analyst.PostAsync(A.Url("/notifications/read-all"), null);

        await marked.ShouldBeAsync(HttpStatusCode.OK);
        (await marked.JsonAsync()).GetProperty("marked").GetInt32().Should().Be(unreadBefore);
        (await IdsAsync(analyst, "?unread=true")).Should().BeEmpty();
        var readAt = await fixture.QueryAsync(A, db => db.Notifications.Where(n => n.Id == mine || n.Id == tenantWide || n.Id == admins)
            .ToDictionaryAsync(n => n.Id, n => n.ReadAt != null));
        readAt.Should().Equal(new Dictionary<Guid, bool> { [mine] = true, [tenantWide] = true, [admins] = false });
        (await fixture.QueryAsync(B, db => db.Notifications.SingleAsync(n => n.Id == bAnalysts))).ReadAt.Should().BeNull();
        var audit = await fixture.QueryAsync(A, db => db.AuditLogEntries.Where(e => e.Action == "notification.all_read").ToListAsync());
        audit.Should().ContainSingle().Which.EntityId.Should().Be(A.AnalystId.ToString());
        JsonDocument.Parse(audit[0].After!).RootElement.GetProperty("marked").GetInt32().Should().Be(unreadBefore);

        var nothingLeft = await analyst.PostAsync(A.Url("/notifications/read-all"), null);
        (await nothingLeft.JsonAsync()).GetProperty("marked").GetInt32().Should().Be(0);
        (await fixture.QueryAsync(A, db => db.AuditLogEntries.CountAsync(e => e.Action == "notification.all_read"))).Should().Be(1);
    }

    [Fact]
    public async Task Auditors_read_but_do_not_mark_and_anonymous_callers_get_401()
    {
        var (_, tenantWide, _, _) = await SeedAsync("roles");
        var auditor = await fixture.ClientAsync(A.Api.AuditorEmail);
        var anonymous = fixture.Api.CreateClient();

        (await IdsAsync(auditor, "?limit=500")).Should().Contain(tenantWide);
        await (await auditor.PostAsync(A.Url($"/notifications/{tenantWide}/read"), null)).ShouldBeAsync(HttpStatusCode.Forbidden);
        await (await auditor.PostAsync(A.Url("/notifications/read-all"), null)).ShouldBeAsync(HttpStatusCode.Forbidden);
        await (await anonymous.GetAsync(A.Url("/notifications"))).ShouldBeAsync(HttpStatusCode.Unauthorized);
        await (await anonymous.PostAsync(A.Url("/notifications/read-all"), null)).ShouldBeAsync(HttpStatusCode.Unauthorized);
        (await fixture.QueryAsync(A, db => db.Notifications.SingleAsync(n => n.Id == tenantWide))).ReadAt.Should().BeNull();
    }

    [Fact]
    public async Task Pages_run_newest_first_without_gaps_or_repeats()
    {
        var analyst = await fixture.ClientAsync(A.Api.AnalystEmail);
        var start = DateTimeOffset.UtcNow.AddMinutes(-30);
        var seeded = Enumerable.Range(0, 5)
            .Select(i => new Notification(A.Id, A.AnalystId, NotificationKind.SlaDueSoon, $"paging:{Guid.NewGuid()}", "{}", start.AddSeconds(i)))
            .ToList();
        await fixture.AddAsync(A, [.. seeded]);

        var all = new List<Guid>();
        string? cursor = null;
        do
        {
            var page = await (await analyst.GetAsync(A.Url($"/notifications?limit=2{(cursor is null ? "" : $"&cursor={cursor}")}"))).JsonAsync();
            all.AddRange(page.GetProperty("items").EnumerateArray().Select(n => n.GetProperty("id").GetGuid()));
            cursor = page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);

        all.Should().OnlyHaveUniqueItems();
        all.Where(seeded.Select(n => n.Id).Contains).Should().Equal(seeded.Select(n => n.Id).Reverse());
    }

    private async Task<List<Guid>> IdsAsync(HttpClient client, string query)
    {
        var response = await client.GetAsync(A.Url($"/notifications{query}"));
        await response.ShouldBeAsync(HttpStatusCode.OK);
        return [.. (await response.JsonAsync()).GetProperty("items").EnumerateArray().Select(n => n.GetProperty("id").GetGuid())];
    }

    private async Task<(Guid Mine, Guid TenantWide, Guid Admins, Guid BAnalysts)> SeedAsync(string tag)
    {
        var now = DateTimeOffset.UtcNow;
        var payload = $"{{\"tag\":\"{tag}\"}}";
        Notification For(WorkTenant tenant, Guid? recipient) =>
            new(tenant.Id, recipient, NotificationKind.SlaBreached, $"{tag}:{Guid.NewGuid()}", payload, now);
        var mine = For(A, A.AnalystId);
        var tenantWide = For(A, null);
        var admins = For(A, A.AdminId);
        var bAnalysts = For(B, B.AnalystId);
        await fixture.AddAsync(A, mine, tenantWide, admins);
        await fixture.AddAsync(B, bAnalysts);
        return (mine.Id, tenantWide.Id, admins.Id, bAnalysts.Id);
    }
}
