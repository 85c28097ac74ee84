using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PatchHound.Core.Audit;

namespace PatchHound.IntegrationTests.Api.Work;

public sealed class AuditLogApiTests(WorkApiFixture fixture) : IClassFixture<WorkApiFixture>, IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 10, 8, 0, 0, TimeSpan.Zero);

    private List<AuditLogEntry> seeded = [];

    private WorkTenant A => fixture.A;

    private WorkTenant B => fixture.B;

    public async Task InitializeAsync()
    {
        // A run of its own: a "tag" entity type no other test writes, at times far from the API's "now".
        var tag = $"AuditTest{Guid.NewGuid():N}"[..40];
        AuditLogEntry Entry(string actor, string action, string entityId, int hour) =>
            new(A.Id, actor, action, tag, entityId, null, "{\"n\":" + hour + "}", T0.AddHours(hour), "corr");
        seeded =
        [
            Entry("user:alice", "thing.created", "e1", 0),
            Entry("user:bob", "thing.updated", "e1", 1),
            Entry("user:alice", "thing.updated", "e2", 2),
            Entry("system:sweep", "thing.expired", "e2", 3),
            Entry("user:alice", "thing.deleted", "e1", 4),
        ];
        await fixture.AddAsync(A, [.. seeded]);
        await fixture.AddAsync(B, new AuditLogEntry(B.Id, "user:alice", "thing.created", tag, "e1", null, null, T0.AddHours(2), null));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData("", new[] { 4, 3, 2, 1, 0 })]
    [InlineData("&actor=user:alice", new[] { 4, 2, 0 })]
    [InlineData("&action=thing.updated", new[] { 2, 1 })]
    [InlineData("&entityId=e2", new[] { 3, 2 })]
    [InlineData("&actor=user:alice&entityId=e1", new[] { 4, 0 })]
    [InlineData("&from=2026-01-10T09:00:00Z&to=2026-01-10T11:00:00Z", new[] { 2, 1 })]
    [InlineData("&from=2026-01-10T10:00:00%2B01:00", new[] { 4, 3, 2, 1 })]
    public async Task Filters_narrow_the_log_newest_first(string filter, int[] expected)
    {
        var auditor = await fixture.ClientAsync(A.Api.AuditorEmail);

        var page = await (await auditor.GetAsync(A.Url($"/audit-log?entityType={seeded[0].EntityType}{filter}"))).JsonAsync();

        page.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("id").GetGuid())
            .Should().Equal(expected.Select(i => seeded[i].Id));
    }

    [Fact]
    public async Task Entries_carry_their_snapshots_and_pages_continue_where_they_stopped()
    {
        var admin = await fixture.ClientAsync(A.Api.AdminEmail);
        var url = A.Url($"/audit-log?entityType={seeded[0].EntityType}&limit=2");

        var page1 = await (await admin.GetAsync(url)).JsonAsync();
        var page2 = await (await admin.GetAsync($"{url}&cursor={page1.GetProperty("nextCursor").GetString()}")).JsonAsync();
        var page3 = await (await admin.GetAsync($"{url}&cursor={page2.GetProperty("nextCursor").GetString()}")).JsonAsync();

        IEnumerable<Guid> Ids(JsonElement page) => page.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("id").GetGuid());
        Ids(page1).Concat(Ids(page2)).Concat(Ids(page3)).Should().Equal(seeded.Select(e => e.Id).Reverse());
        page3.GetProperty("nextCursor").ValueKind.Should().Be(JsonValueKind.Null);
        var first = page1.GetProperty("items")[0];
        (first.GetProperty("actor").GetString(), first.GetProperty("action").GetString(), first.GetProperty("entityId").GetString(),
                first.GetProperty("after").GetProperty("n").GetInt32(), first.GetProperty("before").ValueKind, first.GetProperty("correlationId").GetString())
            .Should().Be(("user:alice", "thing.deleted", "e1", 4, JsonValueKind.Null, "corr"));
        var one = await (await admin.GetAsync(A.Url($"/audit-log/{seeded[1].Id}"))).JsonAsync();
        one.GetProperty("actor").GetString().Should().Be("user:bob");
    }

    [Fact]
    public async Task Analysts_may_not_read_it_another_tenants_entries_are_not_found_and_bad_ranges_are_400()
    {
        var analyst = await fixture.ClientAsync(A.Api.AnalystEmail);
        var admin = await fixture.ClientAsync(A.Api.AdminEmail);
        var bEntry = await fixture.QueryAsync(B, db => db.AuditLogEntries.SingleAsync(e => e.EntityType == seeded[0].EntityType));

        await (await analyst.GetAsync(A.Url("/audit-log"))).ShouldBeAsync(HttpStatusCode.Forbidden);
        await (await analyst.GetAsync(A.Url($"/audit-log/{seeded[0].Id}"))).ShouldBeAsync(HttpStatusCode.Forbidden);
        await (await fixture.Api.CreateClient().GetAsync(A.Url("/audit-log"))).ShouldBeAsync(HttpStatusCode.Unauthorized);
        await (await admin.GetAsync(A.Url($"/audit-log/{bEntry.Id}"))).ShouldBeAsync(HttpStatusCode.NotFound);
        await (await admin.GetAsync(B.Url("/audit-log"))).ShouldBeAsync(HttpStatusCode.NotFound);
        await (await admin.GetAsync(A.Url("/audit-log?from=2026-01-10T10:00:00Z&to=2026-01-10T09:00:00Z"))).ShouldBeFieldErrorAsync("to");
        await (await admin.GetAsync(A.Url("/audit-log?from=yesterday"))).ShouldBeAsync(HttpStatusCode.BadRequest);
        await (await admin.GetAsync(A.Url("/audit-log?cursor=xyz"))).ShouldBeAsync(HttpStatusCode.BadRequest);
    }
}
