using System.Net;
using System.Text.Json;

namespace PatchHound.IntegrationTests.Api.Work;

/// <summary>Listing on a tenant of its own, so the expected pages are exact.</summary>
public sealed class CaseListTests(CaseListFixture fixture) : IClassFixture<CaseListFixture>
{
    private WorkTenant A => fixture.A;

    [Fact]
    public async Task Pages_walk_every_case_of_the_tenant_once_newest_first()
    {
        var auditor = await fixture.ClientAsync(A.Api.AuditorEmail);
        var titles = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await (await auditor.GetAsync(A.Url($"/cases?limit=2{(cursor is null ? "" : $"&cursor={cursor}")}"))).JsonAsync();
            titles.AddRange(page.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("title").GetString()!));
            cursor = page.GetProperty("nextCursor").GetString();
            pages++;
        }
        while (cursor is not null);

        titles.Should().Equal("done, nobody", "triage, nobody", "remediation, admin", "remediation, analyst", "triage, analyst");
        pages.Should().Be(3);
    }

    [Theory]
    [InlineData("status=Resolved", new[] { "done, nobody" })]
    [InlineData("stage=Remediation", new[] { "remediation, admin", "remediation, analyst" })]
    [InlineData("stage=triage&assignee=none", new[] { "triage, nobody" })]
    [InlineData("assignee=me", new[] { "remediation, analyst", "triage, analyst" })]
    [InlineData("status=InProgress&assignee=me", new[] { "remediation, analyst" })]
    public async Task Filters_combine(string query, string[] expected)
    {
        var analyst = await fixture.ClientAsync(A.Api.AnalystEmail);

        var page = await (await analyst.GetAsync(A.Url($"/cases?{query}"))).JsonAsync();

        page.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("title").GetString()).Should().Equal(expected);
    }

    [Fact]
    public async Task Assignee_filter_takes_a_user_id()
    {
        var analyst = await fixture.ClientAsync(A.Api.AnalystEmail);

        var page = await (await analyst.GetAsync(A.Url($"/cases?assignee={A.AdminId}"))).JsonAsync();

        page.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("id").GetGuid()).Should().Equal(fixture.Cases["remediation, admin"]);
    }

    [Theory]
    [InlineData("status=Bogus", "status")]
    [InlineData("status=1", "status")]
    [InlineData("stage=Nowhere", "stage")]
    [InlineData("assignee=someone", "assignee")]
    public async Task Unknown_filter_values_answer_400_naming_the_parameter(string query, string field)
    {
        var analyst = await fixture.ClientAsync(A.Api.AnalystEmail);

        await (await analyst.GetAsync(A.Url($"/cases?{query}"))).ShouldBeFieldErrorAsync(field);
    }

    [Fact]
    public async Task A_cursor_that_is_not_one_of_ours_answers_400()
    {
        var analyst = await fixture.ClientAsync(A.Api.AnalystEmail);

        await (await analyst.GetAsync(A.Url("/cases?cursor=%%%"))).ShouldBeAsync(HttpStatusCode.BadRequest);
        await (await analyst.GetAsync(A.Url("/cases?cursor=bm90LWpzb24"))).ShouldBeAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Assignee_me_never_widens_to_other_peoples_cases()
    {
        var auditor = await fixture.ClientAsync(A.Api.AuditorEmail);

        var page = await (await auditor.GetAsync(A.Url("/cases?assignee=me"))).JsonAsync();

        page.GetProperty("items").GetArrayLength().Should().Be(0);
        page.GetProperty("nextCursor").ValueKind.Should().Be(JsonValueKind.Null);
    }
}
