using System.Net;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using PatchHound.Core.Audit;
using PatchHound.IntegrationTests.Harness;

namespace PatchHound.IntegrationTests.Ui;

/// <summary>The audit log page in a real chromium: GET filters, keyset pages, the CSV of exactly the filter, who may see it.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AuditLogPageTests(UiFixture ui) : IClassFixture<UiFixture>
{
    private string AuditPath => $"/t/{ui.TenantA.Slug}/audit-log";

    [Fact]
    public async Task An_auditor_filters_by_actor_action_type_and_dates_pages_on_and_exports_exactly_the_filter()
    {
        var actor = $"user:{Guid.NewGuid()}";
        await SeedAsync(ui.TenantA.Id, Enumerable.Range(0, 53).Select(i => (actor, "widget.changed", "widget", UiFixture.Now.AddDays(-2).AddMinutes(-i))));
        await SeedAsync(ui.TenantA.Id, [(actor, "widget.removed", "widget", UiFixture.Now.AddDays(-2)), (actor, "widget.changed", "widget", UiFixture.Now.AddDays(-20))]);
        await SeedAsync(ui.TenantB.Id, [(actor, "widget.changed", "widget", UiFixture.Now.AddDays(-2))]);
        var page = await ui.SignedInAsync(ui.TenantA.AuditorEmail, AuditPath);

        await page.GetByLabel("Actor").FillAsync(actor);
        await page.GetByLabel("Action").FillAsync("widget.changed");
        await page.GetByLabel("Entity type").FillAsync("widget");
        await page.GetByLabel("From (UTC)").FillAsync(Day(UiFixture.Now.AddDays(-3)));
        await page.GetByLabel("Before (UTC)").FillAsync(Day(UiFixture.Now));
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("action=widget.changed", StringComparison.Ordinal));

        var rows = page.Locator("table.audit-log tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(50);
        await Assertions.Expect(page.Locator(".list-summary")).ToContainTextAsync("At least 50 entries");
        await page.GetByRole(AriaRole.Link, new() { Name = "Next page" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("cursor=", StringComparison.Ordinal));
        await Assertions.Expect(rows).ToHaveCountAsync(3);
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Next page" })).ToHaveCountAsync(0);

        var export = page.GetByRole(AriaRole.Link, new() { Name = "Export CSV of this filter" });
        (await export.GetAttributeAsync("data-enhance-nav")).Should().Be("false");
        var href = await export.GetAttributeAsync("href");
        href.Should().NotContain("cursor", "the export is the whole filter, not the page shown");
        var download = page.WaitForDownloadAsync();
        await export.ClickAsync();
        var csv = await File.ReadAllLinesAsync(await (await download).PathAsync());

        csv[0].Should().Be("id,at,actor,action,entityType,entityId,correlationId,before,after");
        csv.Skip(1).Where(l => l.Length > 0).Should().HaveCount(53).And.OnlyContain(l => l.Contains(",widget.changed,widget,", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Bad_filters_show_the_APIs_messages_with_its_status()
    {
        var page = await ui.SignedInAsync(ui.TenantA.AdminEmail, AuditPath);

        var response = await page.GotoAsync($"{AuditPath}?from=yesterday&cursor=xyz");
        response!.Status.Should().Be(400);
        var alert = page.GetByRole(AriaRole.Alert);
        await Assertions.Expect(alert).ToContainTextAsync("from: A date (yyyy-MM-dd) or a date and time with an offset (ISO 8601).");
        await Assertions.Expect(alert).ToContainTextAsync("cursor: The cursor is not valid");

        var api = await page.APIRequest.GetAsync($"/api/tenants/{ui.TenantA.Slug}/audit-log?from=yesterday");
        api.Status.Should().Be(400);
        (await api.TextAsync()).Should().Contain("A date (yyyy-MM-dd) or a date and time with an offset (ISO 8601).");

        var range = await page.GotoAsync($"{AuditPath}?from=2026-11-10&to=2026-11-09");
        range!.Status.Should().Be(400);
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("to: Must be after from.");
    }

    [Fact]
    public async Task An_analyst_is_refused_as_by_the_API_and_another_tenants_log_is_the_not_found_page()
    {
        var analyst = await ui.SignedInAsync(ui.TenantA.AnalystEmail, $"/t/{ui.TenantA.Slug}");
        await Assertions.Expect(analyst.GetByRole(AriaRole.Link, new() { Name = "Audit log" })).ToHaveCountAsync(0);
        (await analyst.GotoAsync(AuditPath))!.Status.Should().Be(403);
        (await analyst.APIRequest.GetAsync($"/api/tenants/{ui.TenantA.Slug}/audit-log")).Status.Should().Be(403);
        (await analyst.APIRequest.GetAsync($"/api/tenants/{ui.TenantA.Slug}/audit-log/export.csv")).Status.Should().Be(403);

        var admin = await ui.SignedInAsync(ui.TenantA.AdminEmail, $"/t/{ui.TenantA.Slug}");
        await admin.GetByRole(AriaRole.Link, new() { Name = "Audit log" }).ClickAsync();
        await admin.WaitForURLAsync(url => new Uri(url).AbsolutePath == AuditPath);
        var foreign = await admin.GotoAsync($"/t/{ui.TenantB.Slug}/audit-log");
        foreign!.Status.Should().Be((int)HttpStatusCode.NotFound);
        (await admin.APIRequest.GetAsync($"/api/tenants/{ui.TenantB.Slug}/audit-log/export.csv")).Status.Should().Be(404);
    }

    [Theory]
    [InlineData(ColorScheme.Light, "light")]
    [InlineData(ColorScheme.Dark, "dark")]
    public async Task The_audit_log_passes_the_contrast_check_and_is_photographed(ColorScheme scheme, string name)
    {
        await SeedAsync(ui.TenantA.Id, [("user:photographer", "sla_policy.changed", "sla_policy", UiFixture.Now.AddHours(-1))]);
        var page = await ui.SignedInAsync(ui.TenantA.AuditorEmail, AuditPath, scheme);
        var result = await page.RunAxe(new AxeRunOptions { RunOnly = RunOnlyOptions.Rules("color-contrast") });
        result.Violations.Should().BeEmpty($"{name}: {string.Join("; ", result.Violations.SelectMany(v => v.Nodes).Select(n => n.Html))}");
        await UiFixture.ScreenshotAsync(page, $"audit-log-{name}");
    }

    private static string Day(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private async Task SeedAsync(Guid tenantId, IEnumerable<(string Actor, string Action, string EntityType, DateTimeOffset At)> entries)
    {
        await using var db = ui.Database.AppContext(TestDatabaseContexts.ForTenant(tenantId));
        foreach (var (actor, action, entityType, at) in entries)
        {
            db.AuditLogEntries.Add(new AuditLogEntry(tenantId, actor, action, entityType, Guid.NewGuid().ToString(), null, "{}", at, null));
        }

        await db.SaveChangesAsync();
    }
}
