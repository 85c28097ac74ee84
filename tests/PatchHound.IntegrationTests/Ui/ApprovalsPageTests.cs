using System.Net;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using PatchHound.Core.Approvals;
using PatchHound.Core.Findings;
using PatchHound.Core.Identity;
using PatchHound.IntegrationTests.Harness;

namespace PatchHound.IntegrationTests.Ui;

/// <summary>
/// The approvals inbox, a request's page and the risk acceptances list in a real chromium: TenantAdmins decide with a
/// justification through the API's own decision command, the granted acceptance appears in the list (live, for the
/// requester), revocation needs a reason, and everyone else sees no write control and is refused when forcing one.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ApprovalsPageTests(UiFixture ui) : IClassFixture<UiFixture>
{
    private string InboxPath => $"/t/{ui.TenantA.Slug}/approvals";

    private string AcceptancesPath => $"/t/{ui.TenantA.Slug}/risk-acceptances";

    [Fact]
    public async Task The_admin_sees_pending_requests_soonest_first_and_approves_one_the_requester_sees_live_in_the_list()
    {
        var later = await SeedRequestAsync(ui.TenantA.Id, ui.TenantA.AnalystEmail, ui.A.Findings["F3"], "Later: compensating control", TimeSpan.FromDays(5));
        var soon = await SeedRequestAsync(ui.TenantA.Id, ui.TenantA.AnalystEmail, ui.A.Findings["F12"], "Soon: decommissioned next week", new TimeSpan(2, 3, 0, 0));
        var analyst = await ui.SignedInAsync(ui.TenantA.AnalystEmail, AcceptancesPath);
        await Assertions.Expect(analyst.Locator("main")).Not.ToContainTextAsync("decommissioned");
        await WaitForLiveAsync(analyst);

        var admin = await ui.SignedInAsync(ui.TenantA.AdminEmail, InboxPath);
        var items = admin.Locator("ol.inbox > li");
        (await items.Nth(0).GetAttributeAsync("data-approval")).Should().Be(soon.ToString());
        (await items.Nth(1).GetAttributeAsync("data-approval")).Should().Be(later.ToString());
        await Assertions.Expect(items.Nth(0).GetByTestId("countdown")).ToHaveTextAsync("expires in 2 d 3 h");
        await Assertions.Expect(items.Nth(0)).ToContainTextAsync("CVE-2026-0004 on");
        await Assertions.Expect(items.Nth(0)).ToContainTextAsync("requested by Analyst of tenant-a");

        await items.Nth(0).GetByLabel("Justification").FillAsync("Decommissioned on the 27th; accepted until then.");
        await items.Nth(0).GetByRole(AriaRole.Button, new() { Name = "Approve" }).ClickAsync();
        await admin.WaitForURLAsync(url => new Uri(url).AbsolutePath == $"{InboxPath}/{soon}");
        await Assertions.Expect(admin.GetByTestId("status")).ToHaveTextAsync("Approved");
        await Assertions.Expect(admin.GetByTestId("decided-by")).ToContainTextAsync("TenantAdmin of tenant-a");

        await using (var db = ui.Database.AppContext(TestDatabaseContexts.ForTenant(ui.TenantA.Id)))
        {
            var acceptance = await db.RiskAcceptances.AsNoTracking().SingleAsync(r => r.ApprovalRequestId == soon);
            acceptance.FindingId.Should().Be(ui.A.Findings["F12"]);
            (await db.Findings.AsNoTracking().SingleAsync(f => f.Id == ui.A.Findings["F12"])).Status.Should().Be(FindingStatus.RiskAccepted);
            (await db.AuditLogEntries.CountAsync(e => e.EntityId == soon.ToString() && e.Action == "approval_request.approved")).Should().Be(1);
        }

        // The requester's list page reloads on the decision's notification, without the analyst doing anything.
        await Assertions.Expect(analyst.Locator("[data-acceptance]")).ToContainTextAsync("decommissioned", new() { Timeout = 15_000 });
        await admin.GotoAsync(InboxPath);
        await Assertions.Expect(admin.Locator($"[data-approval='{soon}']")).ToHaveCountAsync(0);
        await Assertions.Expect(admin.Locator($"[data-approval='{later}']")).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task An_empty_justification_shows_the_validation_message_and_decides_nothing()
    {
        var id = await SeedRequestAsync(ui.TenantA.Id, ui.TenantA.AnalystEmail, ui.A.Findings["F9"], "Needs a reason", TimeSpan.FromDays(3));
        var admin = await ui.SignedInAsync(ui.TenantA.AdminEmail, $"{InboxPath}/{id}");

        var status = await SubmitAsync(admin, "Deny");

        status.Should().Be(400);
        await Assertions.Expect(admin.GetByRole(AriaRole.Alert)).ToContainTextAsync("comment: The comment field is required.");
        await Assertions.Expect(admin.GetByTestId("status")).ToContainTextAsync("Pending");
        await admin.GetByLabel("Justification").FillAsync("No.");
        await admin.GetByLabel("Accepted until (optional)").FillAsync("2030-01-01");
        (await SubmitAsync(admin, "Approve")).Should().Be(400);
        await Assertions.Expect(admin.GetByRole(AriaRole.Alert)).ToContainTextAsync("acceptedUntil: A risk acceptance lasts at most 365 days.");
        await using var db = ui.Database.AppContext(TestDatabaseContexts.ForTenant(ui.TenantA.Id));
        (await db.ApprovalRequests.AsNoTracking().SingleAsync(a => a.Id == id)).Status.Should().Be(ApprovalStatus.Pending);
    }

    [Fact]
    public async Task A_request_decided_meanwhile_in_another_window_is_a_conflict_message_not_an_error()
    {
        var id = await SeedRequestAsync(ui.TenantA.Id, ui.TenantA.AnalystEmail, ui.A.Findings["F2"], "Two tabs", TimeSpan.FromDays(3));
        var first = await ui.SignedInAsync(ui.TenantA.AdminEmail, InboxPath);
        var second = await ui.SignedInAsync(ui.TenantA.AdminEmail, InboxPath);

        var row = first.Locator($"[data-approval='{id}']");
        await row.GetByLabel("Justification").FillAsync("Denied: patch it.");
        await row.GetByRole(AriaRole.Button, new() { Name = "Deny" }).ClickAsync();
        await Assertions.Expect(first.GetByTestId("status")).ToHaveTextAsync("Denied");

        var late = second.Locator($"[data-approval='{id}']");
        await late.GetByLabel("Justification").FillAsync("Approved: fine by me.");
        var status = await SubmitAsync(second, "Approve", late);

        status.Should().Be(409);
        await Assertions.Expect(second.GetByRole(AriaRole.Alert)).ToContainTextAsync("Not saved: the request was decided meanwhile");
        await Assertions.Expect(second.GetByRole(AriaRole.Alert)).ToContainTextAsync("cannot move from Denied to Approved");
        await Assertions.Expect(second.GetByTestId("status")).ToHaveTextAsync("Denied");
        await Assertions.Expect(second.Locator("main form[method=post]:not([hidden])")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Analysts_and_auditors_see_no_approvals_link_nor_write_controls_and_a_forced_post_with_a_valid_token_is_refused()
    {
        var id = await SeedRequestAsync(ui.TenantA.Id, ui.TenantA.AnalystEmail, ui.A.Findings["F1"], "Forced", TimeSpan.FromDays(3));
        var acceptance = await SeedAcceptanceAsync(ui.TenantA.Id, ui.A.Findings["F10"], TimeSpan.FromDays(20));

        var analyst = await ui.SignedInAsync(ui.TenantA.AnalystEmail, $"/t/{ui.TenantA.Slug}/notifications");
        await Assertions.Expect(analyst.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Approvals" })).ToHaveCountAsync(0);
        await Assertions.Expect(analyst.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Acceptances" })).ToHaveCountAsync(1);
        var token = await analyst.Locator("form[method=post] input[name=__RequestVerificationToken]").First.InputValueAsync();
        var inbox = await analyst.GotoAsync(InboxPath);
        inbox!.Status.Should().Be(403);
        await Assertions.Expect(analyst.GetByRole(AriaRole.Alert)).ToContainTextAsync("needs the TenantAdmin role");
        foreach (var path in new[] { $"{InboxPath}/{id}", AcceptancesPath, $"{AcceptancesPath}/{acceptance}" })
        {
            await analyst.GotoAsync(path);
            await Assertions.Expect(analyst.Locator("main form[method=post]")).ToHaveCountAsync(0);
        }

        var auditor = await ui.SignedInAsync(ui.TenantA.AuditorEmail, $"{InboxPath}/{id}");
        await Assertions.Expect(auditor.GetByTestId("status")).ToContainTextAsync("Pending");
        await Assertions.Expect(auditor.Locator("main form[method=post]")).ToHaveCountAsync(0);

        var decide = await analyst.APIRequest.PostAsync($"{InboxPath}/{id}", new()
        {
            Form = UiForms.FormOf(analyst.APIRequest, ("_handler", "decide"), ("__RequestVerificationToken", token), ("decision", "approve"), ("justification", "forced")),
            MaxRedirects = 0,
        });
        var revoke = await analyst.APIRequest.PostAsync($"{AcceptancesPath}/{acceptance}", new()
        {
            Form = UiForms.FormOf(analyst.APIRequest, ("_handler", "revoke"), ("__RequestVerificationToken", token), ("reason", "forced")),
            MaxRedirects = 0,
        });

        decide.Status.Should().BeInRange(400, 403);
        revoke.Status.Should().BeInRange(400, 403);
        await using var db = ui.Database.AppContext(TestDatabaseContexts.ForTenant(ui.TenantA.Id));
        (await db.ApprovalRequests.AsNoTracking().SingleAsync(a => a.Id == id)).Status.Should().Be(ApprovalStatus.Pending);
        (await db.RiskAcceptances.AsNoTracking().SingleAsync(r => r.Id == acceptance)).RevokedAt.Should().BeNull();
    }

    [Fact]
    public async Task Another_tenants_requests_and_acceptances_are_the_not_found_page()
    {
        var inB = await SeedRequestAsync(ui.TenantB.Id, ui.TenantB.AnalystEmail, ui.FindingB, "Only in B", TimeSpan.FromDays(3));
        var acceptanceB = await SeedAcceptanceAsync(ui.TenantB.Id, ui.FindingB, TimeSpan.FromDays(3));
        var admin = await ui.SignedInAsync(ui.TenantA.AdminEmail, InboxPath);
        await Assertions.Expect(admin.Locator($"[data-approval='{inB}']")).ToHaveCountAsync(0);

        foreach (var path in new[]
        {
            $"{InboxPath}/{inB}", $"{AcceptancesPath}/{acceptanceB}", $"/t/{ui.TenantB.Slug}/approvals", $"/t/{ui.TenantB.Slug}/approvals/{inB}",
            $"/t/{ui.TenantB.Slug}/risk-acceptances", $"/t/{ui.TenantB.Slug}/my-work",
        })
        {
            var response = await admin.GotoAsync(path);
            response!.Status.Should().Be((int)HttpStatusCode.NotFound, path);
            await Assertions.Expect(admin.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Not found");
        }
    }

    [Fact]
    public async Task The_acceptances_list_filters_by_ending_and_sorts_by_end_and_an_admin_revokes_with_a_reason()
    {
        var inFive = await SeedAcceptanceAsync(ui.TenantA.Id, ui.A.Findings["F11"], TimeSpan.FromDays(5));
        var inTwenty = await SeedAcceptanceAsync(ui.TenantA.Id, ui.A.Findings["F11"], TimeSpan.FromDays(20));
        var inSixty = await SeedAcceptanceAsync(ui.TenantA.Id, ui.A.Findings["F11"], TimeSpan.FromDays(60));
        var admin = await ui.SignedInAsync(ui.TenantA.AdminEmail, AcceptancesPath);

        await admin.GetByLabel("Ending").SelectOptionAsync("7");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
        await admin.WaitForURLAsync(url => url.Contains("expiresWithin=7", StringComparison.Ordinal));
        await Assertions.Expect(admin.Locator($"[data-acceptance='{inFive}']")).ToHaveCountAsync(1);
        await Assertions.Expect(admin.Locator($"[data-acceptance='{inTwenty}']")).ToHaveCountAsync(0);

        await admin.GotoAsync($"{AcceptancesPath}?expiresWithin=30");
        await admin.GetByRole(AriaRole.Link, new() { Name = "Ends" }).ClickAsync();
        await admin.WaitForURLAsync(url => url.Contains("sort=expiresAt", StringComparison.Ordinal));
        var order = await admin.Locator("[data-acceptance]").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.acceptance)");
        order.Should().ContainInOrder(inFive.ToString(), inTwenty.ToString()).And.NotContain(inSixty.ToString());
        await Assertions.Expect(admin.Locator($"[data-acceptance='{inFive}'] a[href$='/findings/{ui.A.Findings["F11"]}']")).ToHaveCountAsync(1);

        var row = admin.Locator($"[data-acceptance='{inTwenty}']");
        var refused = await SubmitAsync(admin, "Revoke", row);
        refused.Should().Be(400);
        await Assertions.Expect(admin.GetByRole(AriaRole.Alert)).ToContainTextAsync("reason: The reason field is required.");
        await admin.GetByLabel("Reason to revoke").FillAsync("The server was patched after all.");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Revoke" }).ClickAsync();
        await Assertions.Expect(admin.GetByTestId("state")).ToHaveTextAsync("Revoked");

        await using var db = ui.Database.AppContext(TestDatabaseContexts.ForTenant(ui.TenantA.Id));
        var entry = await db.AuditLogEntries.AsNoTracking().SingleAsync(e => e.EntityId == inTwenty.ToString() && e.Action == "risk_acceptance.revoked");
        entry.After.Should().Contain("The server was patched after all.");
    }

    [Fact]
    public async Task Bad_query_strings_show_the_APIs_messages_not_an_error_page()
    {
        var admin = await ui.SignedInAsync(ui.TenantA.AdminEmail, AcceptancesPath);

        var list = await admin.GotoAsync($"{AcceptancesPath}?state=7&expiresWithin=9999&sort=bogus");
        list!.Status.Should().Be(400);
        await Assertions.Expect(admin.GetByRole(AriaRole.Alert)).ToContainTextAsync("state: One of: Active, Expired, Revoked.");
        await Assertions.Expect(admin.GetByRole(AriaRole.Alert)).ToContainTextAsync("expiresWithin: A number of days from 1 to 365.");
        await Assertions.Expect(admin.GetByRole(AriaRole.Alert)).ToContainTextAsync("sort: \"bogus\" is not a sort");

        var api = await admin.APIRequest.GetAsync($"/api/tenants/{ui.TenantA.Slug}/risk-acceptances?state=7&expiresWithin=9999&sort=bogus");
        api.Status.Should().Be(400);
        (await api.TextAsync()).Should().Contain("A number of days from 1 to 365.").And.Contain("One of: Active, Expired, Revoked.");

        var inbox = await admin.GotoAsync($"{InboxPath}?cursor=not-a-cursor");
        inbox!.Status.Should().Be(400);
        await Assertions.Expect(admin.GetByRole(AriaRole.Alert)).ToContainTextAsync("cursor: The cursor is not valid");
    }

    [Fact]
    public async Task My_work_lists_my_cases_overdue_first_the_approvals_waiting_and_my_unread_count()
    {
        await SeedRequestAsync(ui.TenantA.Id, ui.TenantA.AnalystEmail, ui.A.Findings["F9"], "Waiting for my work", TimeSpan.FromDays(4));
        var adminId = await UserIdAsync(ui.TenantA.AdminEmail);
        await using (var db = ui.Database.AppContext(TestDatabaseContexts.ForTenant(ui.TenantA.Id)))
        {
            var notDue = new Core.Remediation.RemediationCase(ui.TenantA.Id, "Mine: due next month", null, null, UiFixture.Now.AddDays(-1), UiFixture.Now.AddDays(30));
            var overdue = new Core.Remediation.RemediationCase(ui.TenantA.Id, "Mine: overdue", null, null, UiFixture.Now.AddDays(-9), UiFixture.Now.AddDays(-2));
            notDue.Assign(adminId, UiFixture.Now);
            overdue.Assign(adminId, UiFixture.Now);
            db.RemediationCases.AddRange(notDue, overdue);
            await db.SaveChangesAsync();
        }

        var admin = await ui.SignedInAsync(ui.TenantA.AdminEmail, $"/t/{ui.TenantA.Slug}/my-work");

        var titles = await admin.Locator("table.my-cases tbody td:first-child").AllInnerTextsAsync();
        titles.Should().ContainInOrder("Mine: overdue", "Mine: due next month");
        await Assertions.Expect(admin.Locator("table.my-cases tbody tr").First).ToContainTextAsync("overdue");
        await using var check = ui.Database.AppContext(TestDatabaseContexts.ForTenant(ui.TenantA.Id));
        var open = await check.ApprovalRequests.CountAsync(a => a.Status == ApprovalStatus.Pending && a.ExpiresAt > UiFixture.Now);
        await Assertions.Expect(admin.GetByTestId("approvals-waiting")).ToHaveTextAsync(open == 1 ? "1 request waits for a decision" : $"{open} requests wait for a decision");
        await Assertions.Expect(admin.GetByTestId("unread")).ToContainTextAsync("unread notification");
        await admin.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Approvals" }).ClickAsync();
        await admin.WaitForURLAsync(url => new Uri(url).AbsolutePath == InboxPath);

        var analyst = await ui.SignedInAsync(ui.TenantA.AnalystEmail, $"/t/{ui.TenantA.Slug}/my-work");
        await Assertions.Expect(analyst.GetByTestId("approvals-waiting")).ToHaveCountAsync(0);
        await Assertions.Expect(analyst.GetByRole(AriaRole.Heading, new() { Name = "Cases assigned to me" })).ToBeVisibleAsync();
    }

    [Theory]
    [InlineData(ColorScheme.Light, "light")]
    [InlineData(ColorScheme.Dark, "dark")]
    public async Task The_decision_pages_pass_the_contrast_check_and_are_photographed(ColorScheme scheme, string name)
    {
        var id = await SeedRequestAsync(ui.TenantA.Id, ui.TenantA.AnalystEmail, ui.A.Findings["F3"], $"Photographed ({name})", TimeSpan.FromDays(6));
        var acceptance = await SeedAcceptanceAsync(ui.TenantA.Id, ui.A.Findings["F3"], TimeSpan.FromDays(25));
        var page = await ui.SignedInAsync(ui.TenantA.AdminEmail, InboxPath, scheme);

        foreach (var (screen, path) in new[]
        {
            ("approvals", InboxPath), ("approval-detail", $"{InboxPath}/{id}"), ("risk-acceptances", AcceptancesPath),
            ("risk-acceptance-detail", $"{AcceptancesPath}/{acceptance}"), ("my-work", $"/t/{ui.TenantA.Slug}/my-work"),
        })
        {
            await page.GotoAsync(path);
            var result = await page.RunAxe(new AxeRunOptions { RunOnly = RunOnlyOptions.Rules("color-contrast") });
            result.Violations.Should().BeEmpty($"{screen} in {name}: {string.Join("; ", result.Violations.SelectMany(v => v.Nodes).Select(n => n.Html))}");
            await UiFixture.ScreenshotAsync(page, $"{screen}-{name}");
        }
    }

    private static Task<int> SubmitAsync(IPage page, string button, ILocator? within = null) =>
        UiForms.SubmitAsync(page, button, within ?? page.Locator("main"));

    /// <summary>Waits until the page's live connection is up, so an event raised later reaches it.</summary>
    private static Task WaitForLiveAsync(IPage page) =>
        Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("data-live", "connected", new() { Timeout = 15_000 });

    private async Task<Guid> UserIdAsync(string email)
    {
        await using var db = ui.Database.AppContext();
        return await db.Users.AsNoTracking().Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
    }

    private async Task<Guid> SeedRequestAsync(Guid tenantId, string requesterEmail, Guid findingId, string justification, TimeSpan expiresIn)
    {
        var requester = await UserIdAsync(requesterEmail);
        await using var db = ui.Database.AppContext(TestDatabaseContexts.ForTenant(tenantId));
        var request = new ApprovalRequest(
            tenantId, ApprovalKind.RiskAcceptance, requester, TenantRole.TenantAdmin, findingId, null, justification,
            UiFixture.Now.AddHours(-1), UiFixture.Now.Add(expiresIn));
        db.ApprovalRequests.Add(request);
        await db.SaveChangesAsync();
        return request.Id;
    }

    /// <summary>An acceptance granted by an approved request, ending <paramref name="endsIn"/> after the fixture's now.</summary>
    private async Task<Guid> SeedAcceptanceAsync(Guid tenantId, Guid findingId, TimeSpan endsIn)
    {
        var slug = tenantId == ui.TenantA.Id ? ui.TenantA : ui.TenantB;
        var requester = await UserIdAsync(slug.AnalystEmail);
        var approver = await UserIdAsync(slug.AdminEmail);
        await using var db = ui.Database.AppContext(TestDatabaseContexts.ForTenant(tenantId));
        var request = new ApprovalRequest(
            tenantId, ApprovalKind.RiskAcceptance, requester, TenantRole.TenantAdmin, findingId, null, $"Seeded acceptance for {endsIn.TotalDays} days",
            UiFixture.Now.AddDays(-2), UiFixture.Now.AddDays(10));
        request.Approve(approver, TenantRole.TenantAdmin, UiFixture.Now.AddDays(-1), "seeded");
        var acceptance = RiskAcceptance.ForFinding(request, findingId, UiFixture.Now.AddDays(-1), UiFixture.Now.Add(endsIn));
        db.ApprovalRequests.Add(request);
        db.RiskAcceptances.Add(acceptance);
        await db.SaveChangesAsync();
        return acceptance.Id;
    }
}
