using System.Net;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using PatchHound.IntegrationTests.Harness;

namespace PatchHound.IntegrationTests.Ui;

/// <summary>
/// The tenant admins' settings in a real chromium: the SLA policy form, API keys (the secret shown once), the members
/// list; what other roles get, and refusals in the API's words.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SettingsPageTests(UiFixture ui) : IClassFixture<UiFixture>
{
    private string SettingsPath => $"/t/{ui.TenantA.Slug}/settings";

    private string KeysPath => $"{SettingsPath}/api-keys";

    [Fact]
    public async Task An_admin_changes_the_SLA_policy_and_sees_it_saved()
    {
        var page = await ui.SignedInAsync(ui.TenantA.AdminEmail, $"/t/{ui.TenantA.Slug}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Settings" }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == SettingsPath);

        await page.GetByLabel("Critical (days)").FillAsync("5");
        await page.GetByLabel("High (days)").FillAsync("21");
        await page.GetByLabel("Medium (days)").FillAsync("60");
        await page.GetByLabel("Low (days)").FillAsync("120");
        var status = await UiForms.SubmitAsync(page, "Save policy");

        status.Should().Be(200);
        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "SLA policy saved." })).ToBeVisibleAsync();
        await page.GotoAsync(SettingsPath);
        await Assertions.Expect(page.GetByLabel("Critical (days)")).ToHaveValueAsync("5");
        await Assertions.Expect(page.GetByLabel("Low (days)")).ToHaveValueAsync("120");

        await using var db = ui.Database.AppContext(TestDatabaseContexts.ForTenant(ui.TenantA.Id));
        var saved = await db.SlaPolicies.AsNoTracking().SingleAsync();
        (saved.CriticalDays, saved.HighDays, saved.MediumDays, saved.LowDays).Should().Be((5, 21, 60, 120));
        (await db.AuditLogEntries.CountAsync(e => e.Action == "sla_policy.changed")).Should().BeGreaterThan(0);
        await Assertions.Expect(page.Locator("table.members tbody tr")).Not.ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("table.members")).ToContainTextAsync(ui.TenantA.AuditorEmail);
    }

    [Fact]
    public async Task Bad_days_show_the_APIs_validation_messages_not_an_error_page()
    {
        var page = await ui.SignedInAsync(ui.TenantA.AdminEmail, SettingsPath);
        // The browser's own checks would stop the post; the server's are the ones under test.
        await page.EvaluateAsync("() => document.querySelectorAll('input[type=number]').forEach(i => { i.removeAttribute('min'); i.removeAttribute('max'); })");
        await page.GetByLabel("Critical (days)").FillAsync("0");
        await page.GetByLabel("High (days)").FillAsync("");

        var status = await UiForms.SubmitAsync(page, "Save policy");

        status.Should().Be(400);
        var alert = page.GetByRole(AriaRole.Alert);
        await Assertions.Expect(alert).ToContainTextAsync("criticalDays: The field criticalDays must be between 1 and 3650.");
        await Assertions.Expect(alert).ToContainTextAsync("highDays: The highDays field is required.");
        await Assertions.Expect(page.GetByLabel("Critical (days)")).ToHaveValueAsync("0");

        var badCursor = await page.GotoAsync($"{SettingsPath}?members=not-a-cursor");
        badCursor!.Status.Should().Be(400);
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("The cursor is not valid");
    }

    [Fact]
    public async Task A_created_key_is_shown_once_works_until_revoked_and_never_reaches_the_logs()
    {
        var page = await ui.SignedInAsync(ui.TenantA.AdminEmail, KeysPath);
        await page.GetByLabel("Name").FillAsync("nightly export");
        await page.GetByLabel("read", new() { Exact = true }).CheckAsync();
        var status = await UiForms.SubmitAsync(page, "Create key");

        status.Should().Be(200);
        var secret = await page.GetByTestId("api-key-secret").InputValueAsync();
        secret.Should().NotBeNullOrWhiteSpace();
        page.Url.Should().NotContain(secret);
        await Assertions.Expect(page.Locator("table.api-keys")).ToContainTextAsync("nightly export");

        var reload = await page.ReloadAsync();
        reload!.Request.Method.Should().Be("GET", "a reload must not post the form again");
        await Assertions.Expect(page.GetByTestId("api-key-secret")).ToHaveCountAsync(0);
        (await page.ContentAsync()).Should().NotContain(secret);
        await Assertions.Expect(page.Locator("table.api-keys tbody tr").Filter(new() { HasText = "nightly export" })).ToHaveCountAsync(1);

        using var client = new HttpClient { BaseAddress = new Uri(ui.BaseUrl) };
        client.DefaultRequestHeaders.Add("X-Api-Key", secret);
        var findings = $"/api/tenants/{ui.TenantA.Slug}/findings";
        (await client.GetAsync(findings)).StatusCode.Should().Be(HttpStatusCode.OK);

        page.Dialog += (_, dialog) => dialog.AcceptAsync();
        var revoked = await UiForms.SubmitAsync(page, "Revoke nightly export");
        revoked.Should().Be(200);
        await Assertions.Expect(page.Locator("table.api-keys tbody tr").Filter(new() { HasText = "nightly export" })).ToContainTextAsync("revoked");
        (await client.GetAsync(findings)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);

        var logs = ui.HostLogs.AllText;
        logs.Should().NotBeEmpty("the host's log events are captured");
        logs.Should().NotContain(secret);
        logs.Should().NotContain(secret[^16..], "no tail of the secret either");
    }

    [Fact]
    public async Task A_bad_key_request_shows_the_APIs_messages()
    {
        var page = await ui.SignedInAsync(ui.TenantA.AdminEmail, KeysPath);
        var status = await UiForms.SubmitAsync(page, "Create key");

        status.Should().Be(400);
        var alert = page.GetByRole(AriaRole.Alert);
        await Assertions.Expect(alert).ToContainTextAsync("name: The name field is required.");
        await Assertions.Expect(page.GetByTestId("api-key-secret")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Analysts_and_auditors_see_no_settings_and_a_forced_post_with_a_valid_token_is_refused()
    {
        foreach (var email in new[] { ui.TenantA.AnalystEmail, ui.TenantA.AuditorEmail })
        {
            var page = await ui.SignedInAsync(email, $"/t/{ui.TenantA.Slug}");
            await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Settings" })).ToHaveCountAsync(0);
            foreach (var path in new[] { SettingsPath, KeysPath })
            {
                var response = await page.GotoAsync(path);
                response!.Status.Should().Be(403, $"{email} at {path}, as the API key endpoints answer");
                await Assertions.Expect(page.Locator("main form[method=post]")).ToHaveCountAsync(0);
            }

            var api = await page.APIRequest.GetAsync($"/api/tenants/{ui.TenantA.Slug}/api-keys");
            api.Status.Should().Be(403);
        }

        // The analyst has a real form (and so a valid token) on the notifications page.
        var analyst = await ui.SignedInAsync(ui.TenantA.AnalystEmail, $"/t/{ui.TenantA.Slug}/notifications");
        var token = await analyst.Locator("form[method=post] input[name=__RequestVerificationToken]").First.InputValueAsync();

        var policy = await analyst.APIRequest.PostAsync(SettingsPath, new()
        {
            Form = UiForms.FormOf(analyst.APIRequest, ("_handler", "sla-policy"), ("__RequestVerificationToken", token),
                ("criticalDays", "1"), ("highDays", "1"), ("mediumDays", "1"), ("lowDays", "1")),
            MaxRedirects = 0,
        });
        var key = await analyst.APIRequest.PostAsync(KeysPath, new()
        {
            Form = UiForms.FormOf(analyst.APIRequest, ("_handler", "create"), ("__RequestVerificationToken", token), ("name", "forced"), ("scopes", "read")),
            MaxRedirects = 0,
        });

        // Refused before any write: the page renders no form for them, so the post names a form that is not there.
        policy.Status.Should().BeInRange(400, 403);
        key.Status.Should().BeInRange(400, 403);
        await using var db = ui.Database.AppContext(TestDatabaseContexts.ForTenant(ui.TenantA.Id));
        (await db.SlaPolicies.AnyAsync(p => p.CriticalDays == 1 && p.LowDays == 1)).Should().BeFalse();
        (await db.ApiKeys.AnyAsync(k => k.Name == "forced")).Should().BeFalse();
    }

    [Fact]
    public async Task Another_tenants_settings_are_the_not_found_page()
    {
        var page = await ui.SignedInAsync(ui.TenantA.AdminEmail, SettingsPath);
        foreach (var path in new[] { $"/t/{ui.TenantB.Slug}/settings", $"/t/{ui.TenantB.Slug}/settings/api-keys" })
        {
            var response = await page.GotoAsync(path);
            response!.Status.Should().Be((int)HttpStatusCode.NotFound, path);
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Not found");
        }
    }

    [Theory]
    [InlineData(ColorScheme.Light, "light")]
    [InlineData(ColorScheme.Dark, "dark")]
    public async Task The_settings_pages_pass_the_contrast_check_and_are_photographed(ColorScheme scheme, string name)
    {
        var page = await ui.SignedInAsync(ui.TenantA.AdminEmail, SettingsPath, scheme);

        foreach (var (screen, path) in new[] { ("settings", SettingsPath), ("settings-api-keys", KeysPath) })
        {
            await page.GotoAsync(path);
            var result = await page.RunAxe(new AxeRunOptions { RunOnly = RunOnlyOptions.Rules("color-contrast") });
            result.Violations.Should().BeEmpty($"{screen} in {name}: {string.Join("; ", result.Violations.SelectMany(v => v.Nodes).Select(n => n.Html))}");
            await UiFixture.ScreenshotAsync(page, $"{screen}-{name}");
        }
    }
}
