using System.Net;

namespace PatchHound.IntegrationTests.Api.Read;

/// <summary>
/// Every sort, walked page by page with small limits so that ties (F1/F10 share every key, F2/F9 a deadline, three
/// findings a CVE) fall across page boundaries: the pages together hold every finding exactly once, in the order
/// worked out here independently of the API (ids compare as PostgreSQL compares uuids: as their text).
/// </summary>
public class FindingsPagingTests(ReadApiFixture fixture) : IClassFixture<ReadApiFixture>
{
    private static readonly Dictionary<string, (int Rank, decimal Epss)> Cves = new()
    {
        ["CVE-2026-0001"] = (4, 0.9m),
        ["CVE-2026-0002"] = (3, 0.5m),
        ["CVE-2026-0003"] = (2, 0.05m),
        ["CVE-2026-0004"] = (1, -1m),
        ["CVE-2026-0005"] = (0, 0.2m),
    };

    [Theory]
    [InlineData("dueAt")]
    [InlineData("-dueAt")]
    [InlineData("firstSeen")]
    [InlineData("-firstSeen")]
    [InlineData("severity")]
    [InlineData("-severity")]
    [InlineData("epss")]
    [InlineData("-epss")]
    public async Task Pages_hold_every_finding_once_in_sort_order(string sort)
    {
        var client = await fixture.ReaderAsync(fixture.TenantA.AnalystEmail);
        var expected = ExpectedOrder(sort);

        foreach (var limit in new[] { 1, 2, 3, 5, 12, 50 })
        {
            var found = await client.AllPagesAsync<FindingItem>($"/api/tenants/{fixture.TenantA.Slug}/findings?sort={sort}", limit);

            found.Select(f => f.Id).Should().Equal(expected, $"sort={sort}, limit={limit}");
        }
    }

    [Fact]
    public async Task Default_order_is_the_nearest_deadline_first_and_findings_without_one_last()
    {
        var client = await fixture.ReaderAsync(fixture.TenantA.AnalystEmail);

        var found = await client.AllPagesAsync<FindingItem>($"/api/tenants/{fixture.TenantA.Slug}/findings?", limit: 4);

        found.Select(f => f.Id).Should().Equal(ExpectedOrder("dueAt"));
        found[^1].Id.Should().Be(fixture.A.Findings["F5"]);
    }

    [Fact]
    public async Task Filtered_pages_continue_in_the_filter()
    {
        var client = await fixture.ReaderAsync(fixture.TenantA.AnalystEmail);

        var found = await client.AllPagesAsync<FindingItem>($"/api/tenants/{fixture.TenantA.Slug}/findings?status=Open&sort=-severity", limit: 2);

        var open = fixture.A.FindingIds("F1", "F2", "F3", "F5", "F6", "F9", "F10", "F11", "F12").ToHashSet();
        found.Select(f => f.Id).Should().Equal(ExpectedOrder("-severity").Where(open.Contains));
    }

    [Fact]
    public async Task A_cursor_of_another_sort_is_a_bad_request()
    {
        var client = await fixture.ReaderAsync(fixture.TenantA.AnalystEmail);
        var page = await client.GetOkAsync<TestPage<FindingItem>>($"/api/tenants/{fixture.TenantA.Slug}/findings?sort=dueAt&limit=2");

        var problem = await client.GetProblemAsync(
            $"/api/tenants/{fixture.TenantA.Slug}/findings?sort=-severity&limit=2&cursor={page.NextCursor}", HttpStatusCode.BadRequest);

        problem.GetProperty("detail").GetString().Should().Contain("cursor");
    }

    [Theory]
    [InlineData("not-a-cursor!")]
    [InlineData("eyJzb3J0IjoiRHVlQXQifQ")]
    [InlineData("bm90IGpzb24")]
    public async Task A_malformed_cursor_is_a_bad_request(string cursor)
    {
        var client = await fixture.ReaderAsync(fixture.TenantA.AnalystEmail);

        await client.GetProblemAsync($"/api/tenants/{fixture.TenantA.Slug}/findings?cursor={cursor}", HttpStatusCode.BadRequest);
    }

    private List<Guid> ExpectedOrder(string sort)
    {
        var descending = sort.StartsWith('-');
        var rows = ReadData.Seeds.Select(s => new
        {
            Id = fixture.A.Findings[s.Label],
            Due = s.DueDays is { } d ? ReadApiFixture.Now.AddDays(d) : (DateTimeOffset?)null,
            FirstSeen = ReadApiFixture.Now.AddDays(s.FirstSeenDays),
            Cves[s.CveId].Rank,
            Cves[s.CveId].Epss,
        }).ToList();
        Comparison<Guid> byId = (x, y) => string.CompareOrdinal(x.ToString(), y.ToString());
        Comparison<(IComparable? Key, Guid Id)> compare = (x, y) =>
        {
            // Null keys (no deadline) come after every date, as PostgreSQL orders nulls ascending.
            var keys = (x.Key, y.Key) switch
            {
                (null, null) => 0,
                (null, _) => 1,
                (_, null) => -1,
                _ => x.Key.CompareTo(y.Key),
            };
            return keys != 0 ? keys : byId(x.Id, y.Id);
        };
        var keyed = rows.Select(r => (Key: sort.TrimStart('-') switch
        {
            "dueAt" => (IComparable?)r.Due,
            "firstSeen" => r.FirstSeen,
            "severity" => r.Rank,
            "epss" => r.Epss,
            _ => throw new ArgumentOutOfRangeException(nameof(sort)),
        }, r.Id)).ToList();
        keyed.Sort(compare);
        if (descending)
        {
            keyed.Reverse();
        }

        return keyed.Select(k => k.Id).ToList();
    }
}
