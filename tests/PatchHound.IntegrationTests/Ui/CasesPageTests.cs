using System.Net;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using PatchHound.Core.Audit;
using PatchHound.Core.Remediation;
using PatchHound.IntegrationTests.Harness;

namespace PatchHound.IntegrationTests.Ui;

/// <summary>
/// The cases queue and a case's page in a real chromium: what each role sees, the writes through the API's own case
/// commands (stage moves, assignment, comments) and their refusals in the API's words. Each test opens its own cases.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class CasesPageTests(UiFixture ui) : IClassFixture<UiFixture>
{
    private string CasesPath => $"/t/{ui.TenantA.Slug}/cases";

    [Fact]
    public async Task The_queue_filters_by_stage_and_assignee_and_links_each_case()
    {
        var triage = await SeedCaseAsync(ui.TenantA.Id, "Queue: patch openssl");
        var moved = await SeedCaseAsync(ui.TenantA.Id, "Queue: upgrade chrome", c => c.MoveTo(WorkflowStage.Remediation, UiFixture.Now, null, "test"));
        var page = await ui.SignedInAsync(ui.TenantA.AnalystEmail, CasesPath);

        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Queue: patch openssl" })).ToBeVisibleAsync();
        await page.GetByLabel("Stage").SelectOptionAsync("Remediation");
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("stage=Remediation", StringComparison.Ordinal));

        var titles = await page.Locator("table.cases tbody tr td:first-child").AllInnerTextsAsync();
        titles.Should().Contain("Queue: upgrade chrome").And.NotContain("Queue: patch openssl");
        await page.GetByRole(AriaRole.Link, new() { Name = "Queue: upgrade chrome" }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == $"{CasesPath}/{moved}");
        await Assertions.Expect(page.GetByTestId("stage")).ToHaveTextAsync("Remediation");
        triage.Should().NotBe(moved);
    }

    [Fact]
    public async Task An_analyst_moves_the_stage_assigns_herself_and_comments()
    {
        var id = await SeedCaseAsync(ui.TenantA.Id, "Work: patch the web servers");
        var page = await ui.SignedInAsync(ui.TenantA.AnalystEmail, $"{CasesPath}/{id}");

        await page.GetByLabel("Move to stage").SelectOptionAsync("Remediation");
        await page.GetByLabel("Reason (optional)").FillAsync("Vendor fix is out");
        await page.GetByRole(AriaRole.Button, new() { Name = "Move" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("stage")).ToHaveTextAsync("Remediation");
        await Assertions.Expect(page.Locator("table.history tbody tr")).ToContainTextAsync("Vendor fix is out");

        await page.GetByLabel("Assign to").SelectOptionAsync("me");
        await page.GetByRole(AriaRole.Button, new() { Name = "Assign" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("assignee")).Not.ToHaveTextAsync("No one");

        await page.GetByLabel("Add a comment").FillAsync("Rolled out to half of the fleet.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Comment" }).ClickAsync();
        await Assertions.Expect(page.Locator("ol.comments")).ToContainTextAsync("Rolled out to half of the fleet.");

        await using var db = ui.Database.AppContext(TestDatabaseContexts.ForTenant(ui.TenantA.Id));
        var saved = await db.RemediationCases.AsNoTracking().SingleAsync(c => c.Id == id);
        saved.Stage.Should().Be(WorkflowStage.Remediation);
        saved.AssigneeUserId.Should().NotBeNull();
        (await db.AuditLogEntries.CountAsync(e => e.EntityId == id.ToString())).Should().Be(2, "the move and the assignment");

        await page.GotoAsync($"{CasesPath}?assignee=me");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Work: patch the web servers" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task An_empty_comment_or_an_unknown_stage_shows_the_validation_message_not_an_error_page()
    {
        var id = await SeedCaseAsync(ui.TenantA.Id, "Bad input");
        var page = await ui.SignedInAsync(ui.TenantA.AnalystEmail, $"{CasesPath}/{id}");

        var comment = await UiForms.SubmitAsync(page, "Comment");
        comment.Should().Be(400);
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("body: The body field is required.");

        await page.EvaluateAsync("() => { const s = document.getElementById('move-stage'); s.options[0].value = 'Bogus'; }");
        var move = await UiForms.SubmitAsync(page, "Move");
        move.Should().Be(400);
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("stage: One of: Triage, Remediation, Verification, Escalated, Done.");

        await page.EvaluateAsync("() => { const s = document.getElementById('move-stage'); s.options[0].value = 'Done'; }");
        var notAllowed = await UiForms.SubmitAsync(page, "Move");
        notAllowed.Should().Be(409);
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("A remediation case cannot move from Triage to Done.");
        await Assertions.Expect(page.GetByTestId("stage")).ToHaveTextAsync("Triage");
    }

    [Fact]
    public async Task A_change_made_meanwhile_is_reported_as_a_conflict_and_the_page_shows_the_case_as_it_is_now()
    {
        var id = await SeedCaseAsync(ui.TenantA.Id, "Conflict");
        var page = await ui.SignedInAsync(ui.TenantA.AnalystEmail, $"{CasesPath}/{id}");
        var other = await ui.SignedInAsync(ui.TenantA.AdminEmail, $"{CasesPath}/{id}");
        await other.GetByLabel("Move to stage").SelectOptionAsync("Escalated");
        await other.GetByRole(AriaRole.Button, new() { Name = "Move" }).ClickAsync();
        await Assertions.Expect(other.GetByTestId("stage")).ToHaveTextAsync("Escalated");

        await page.GetByLabel("Move to stage").SelectOptionAsync("Remediation");
        var status = await UiForms.SubmitAsync(page, "Move");

        status.Should().Be(409);
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Not saved: Changed by someone else");
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("reload it and try again");
        await Assertions.Expect(page.GetByTestId("stage")).ToHaveTextAsync("Escalated");
    }

    [Fact]
    public async Task An_auditor_sees_no_write_controls_and_a_forced_post_with_a_valid_token_writes_nothing()
    {
        var id = await SeedCaseAsync(ui.TenantA.Id, "Read only");
        var page = await ui.SignedInAsync(ui.TenantA.AuditorEmail, $"{CasesPath}/{id}");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Read only");
        await Assertions.Expect(page.Locator("main form[method=post]")).ToHaveCountAsync(0);
        await page.GotoAsync(CasesPath);
        await Assertions.Expect(page.Locator("main form[method=post]")).ToHaveCountAsync(0);

        // The member of two tenants is an analyst in A (so it gets a real form and token there) and an auditor in B.
        var inB = await SeedCaseAsync(ui.TenantB.Id, "B: read only for the two-tenant user");
        var analyst = await ui.SignedInAsync(UiFixture.TwoTenantsEmail, $"{CasesPath}/{id}");
        var token = await analyst.Locator("form[method=post] input[name=__RequestVerificationToken]").First.InputValueAsync();
        await analyst.GotoAsync($"/t/{ui.TenantB.Slug}/cases/{inB}");
        await Assertions.Expect(analyst.Locator("main form[method=post]")).ToHaveCountAsync(0);

        var forced = await analyst.APIRequest.PostAsync($"/t/{ui.TenantB.Slug}/cases/{inB}", new()
        {
            Form = UiForms.FormOf(analyst.APIRequest, ("_handler", "comment"), ("__RequestVerificationToken", token), ("body", "forced")),
            MaxRedirects = 0,
        });

        forced.Status.Should().BeInRange(400, 403);
        await using var db = ui.Database.AppContext(TestDatabaseContexts.ForTenant(ui.TenantB.Id));
        (await db.CaseComments.CountAsync(c => c.CaseId == inB)).Should().Be(0);
    }

    [Fact]
    public async Task Another_tenants_case_is_the_not_found_page()
    {
        var inB = await SeedCaseAsync(ui.TenantB.Id, "Only in B");
        var page = await ui.SignedInAsync(ui.TenantA.AnalystEmail, CasesPath);

        foreach (var path in new[] { $"{CasesPath}/{inB}", $"/t/{ui.TenantB.Slug}/cases/{inB}", $"/t/{ui.TenantB.Slug}/cases" })
        {
            var response = await page.GotoAsync(path);
            response!.Status.Should().Be((int)HttpStatusCode.NotFound, path);
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Not found");
        }

        var post = await page.APIRequest.PostAsync($"{CasesPath}/{inB}", new() { Form = UiForms.FormOf(page.APIRequest, ("_handler", "comment"), ("body", "x")), MaxRedirects = 0 });
        post.Status.Should().BeOneOf(400, 404);
        await using var db = ui.Database.AppContext(TestDatabaseContexts.ForTenant(ui.TenantB.Id));
        (await db.CaseComments.CountAsync(c => c.CaseId == inB)).Should().Be(0);
    }

    [Fact]
    public async Task A_bad_filter_shows_the_APIs_messages()
    {
        var page = await ui.SignedInAsync(ui.TenantA.AnalystEmail, CasesPath);

        var response = await page.GotoAsync($"{CasesPath}?stage=7&assignee=someone");

        response!.Status.Should().Be(400);
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("stage: One of: Triage, Remediation, Verification, Escalated, Done.");
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("assignee: A user id, \"me\" or \"none\".");
    }

    [Fact]
    public async Task Admins_and_auditors_see_the_cases_audit_trail_and_analysts_do_not()
    {
        var id = await SeedCaseAsync(ui.TenantA.Id, "Audited");
        var admin = await ui.SignedInAsync(ui.TenantA.AdminEmail, $"{CasesPath}/{id}");
        await admin.GetByLabel("Move to stage").SelectOptionAsync("Escalated");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Move" }).ClickAsync();
        await Assertions.Expect(admin.GetByTestId("stage")).ToHaveTextAsync("Escalated");
        await admin.GetByLabel("Add a comment").FillAsync("Escalated to the vendor.");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Comment" }).ClickAsync();

        var trail = admin.Locator("table.audit tbody tr");
        await Assertions.Expect(trail).ToHaveCountAsync(2);
        await Assertions.Expect(trail.Nth(0)).ToContainTextAsync("case_comment.added");
        await Assertions.Expect(trail.Nth(1)).ToContainTextAsync("remediation_case.stage_changed");

        var auditor = await ui.SignedInAsync(ui.TenantA.AuditorEmail, $"{CasesPath}/{id}");
        await Assertions.Expect(auditor.Locator("table.audit tbody tr")).ToHaveCountAsync(2);
        var analyst = await ui.SignedInAsync(ui.TenantA.AnalystEmail, $"{CasesPath}/{id}");
        await Assertions.Expect(analyst.GetByRole(AriaRole.Heading, new() { Name = "Stage history" })).ToBeVisibleAsync();
        await Assertions.Expect(analyst.GetByRole(AriaRole.Heading, new() { Name = "Audit trail" })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task The_findings_audit_trail_shows_only_its_own_tenants_entries()
    {
        var finding = ui.A.Findings["F4"];
        await using (var db = ui.Database.AppContext(TestDatabaseContexts.ForTenant(ui.TenantA.Id)))
        {
            db.AuditLogEntries.Add(new AuditLogEntry(ui.TenantA.Id, "user:tester", "finding.risk_accepted", "Finding", finding.ToString(), null, "{}", UiFixture.Now, null));
            await db.SaveChangesAsync();
        }

        await using (var db = ui.Database.AppContext(TestDatabaseContexts.ForTenant(ui.TenantB.Id)))
        {
            // A row of tenant B that names A's finding id: it must never show in A.
            db.AuditLogEntries.Add(new AuditLogEntry(ui.TenantB.Id, "user:elsewhere", "finding.foreign", "Finding", finding.ToString(), null, "{}", UiFixture.Now, null));
            await db.SaveChangesAsync();
        }

        var page = await ui.SignedInAsync(ui.TenantA.AuditorEmail, $"/t/{ui.TenantA.Slug}/findings/{finding}");

        var trail = page.Locator("table.audit tbody tr");
        await Assertions.Expect(trail).ToHaveCountAsync(1);
        await Assertions.Expect(trail).ToContainTextAsync("user:tester");
        await Assertions.Expect(page.Locator("main")).Not.ToContainTextAsync("finding.foreign");
    }

    [Theory]
    [InlineData(ColorScheme.Light, "light")]
    [InlineData(ColorScheme.Dark, "dark")]
    public async Task The_case_pages_pass_the_contrast_check_and_are_photographed(ColorScheme scheme, string name)
    {
        var id = await SeedCaseAsync(ui.TenantA.Id, $"Photographed ({name})", c => c.MoveTo(WorkflowStage.Remediation, UiFixture.Now, null, "user:test", "Fix scheduled"));
        var page = await ui.SignedInAsync(ui.TenantA.AnalystEmail, CasesPath, scheme);

        foreach (var (screen, path) in new[] { ("cases", CasesPath), ("case-detail", $"{CasesPath}/{id}") })
        {
            await page.GotoAsync(path);
            var result = await page.RunAxe(new AxeRunOptions { RunOnly = RunOnlyOptions.Rules("color-contrast") });
            result.Violations.Should().BeEmpty($"{screen} in {name}: {string.Join("; ", result.Violations.SelectMany(v => v.Nodes).Select(n => n.Html))}");
            await UiFixture.ScreenshotAsync(page, $"{screen}-{name}");
        }
    }

    private async Task<Guid> SeedCaseAsync(Guid tenantId, string title, Action<RemediationCase>? change = null)
    {
        await using var db = ui.Database.AppContext(TestDatabaseContexts.ForTenant(tenantId));
        var remediationCase = new RemediationCase(tenantId, title, null, null, UiFixture.Now.AddMinutes(-Random.Shared.Next(1, 1000)), null);
        change?.Invoke(remediationCase);
        db.RemediationCases.Add(remediationCase);
        await db.SaveChangesAsync();
        return remediationCase.Id;
    }
}
