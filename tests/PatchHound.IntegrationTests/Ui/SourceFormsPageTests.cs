using System.Net;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using PatchHound.Core.Sources;
using PatchHound.IntegrationTests.Harness;

namespace PatchHound.IntegrationTests.Ui;

/// <summary>
/// Tenant admins create sources in a real chromium, through the commands the sources endpoints run: what the page
/// shows after a create, refusals in the API's words, and what other roles and other tenants get.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SourceFormsPageTests(UiFixture ui) : IClassFixture<UiFixture>
{
    private string SourcesPage => $"/t/{ui.TenantA.Slug}/sources";

    private string NewSourcePage => $"{SourcesPage}/new";

    [Fact]
    public async Task An_admin_creates_a_delta_source_and_sees_it_on_its_page_and_in_the_list()
    {
        var name = $"Defender delta {Guid.NewGuid():N}"[..28];
        var page = await ui.SignedInAsync(ui.TenantA.AdminEmail, SourcesPage);
        await page.GetByRole(AriaRole.Link, new() { Name = "New source" }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == NewSourcePage);

        await page.GetByLabel("Type").SelectOptionAsync("Simulator");
        await page.GetByLabel("Name").FillAsync(name);
        await page.GetByLabel("Schedule (cron, UTC)").FillAsync("15 3 * * *");
        await page.GetByLabel("Base URL").FillAsync("http://simulator.test:8080");
        await page.GetByLabel("Page size").FillAsync("250");
        await page.GetByLabel("Full exports read as").SelectOptionAsync("Full");
        await page.GetByLabel("Full run every", new() { Exact = false }).FillAsync("7");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create source" }).ClickAsync();

        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath.StartsWith($"{SourcesPage}/", StringComparison.Ordinal) && !url.EndsWith("/new", StringComparison.Ordinal));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(name);
        var facts = page.Locator("section[aria-labelledby=source-facts]");
        await Assertions.Expect(facts).ToContainTextAsync("15 3 * * *");
        await Assertions.Expect(facts).ToContainTextAsync("Deltas, with a full run every 7 days");
        await Assertions.Expect(facts).ToContainTextAsync("250");
        await Assertions.Expect(facts).ToContainTextAsync("Not set");

        await using var db = ui.Database.AppContext(TestDatabaseContexts.ForTenant(ui.TenantA.Id));
        var stored = await db.SourceConfigurations.AsNoTracking().SingleAsync(s => s.Name == name);
        (stored.Kind, stored.CronSchedule, stored.PageSize, stored.FullRunIntervalDays, stored.PullMode, stored.Enabled)
            .Should().Be((SourceKind.Simulator, "15 3 * * *", 250, 7, SourcePullMode.Full, true));
        (await db.AuditLogEntries.CountAsync(e => e.Action == "source.created" && e.EntityId == stored.Id.ToString())).Should().Be(1);
        page.Url.Should().EndWith(stored.Id.ToString());

        await page.GotoAsync(SourcesPage);
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = name })).ToBeVisibleAsync();
    }

    [Theory]
    [InlineData("name", "", "required")]
    [InlineData("cronSchedule", "every day", "A schedule must be a UTC cron expression")]
    [InlineData("baseUrl", "ftp://simulator.test", "BaseUrl must be an absolute http or https URL.")]
    [InlineData("pullMode", "Sideways", "pullMode: One of: Full, Files.")]
    [InlineData("fullRunIntervalDays", "91", "fullRunIntervalDays")]
    [InlineData("pageSize", "ten", "pageSize: Must be a whole number.")]
    public async Task Bad_input_shows_the_APIs_message_with_its_status_and_creates_nothing(string field, string value, string message)
    {
        var page = await ui.SignedInAsync(ui.TenantA.AdminEmail, NewSourcePage);
        await page.GetByLabel("Name").FillAsync($"Refused {Guid.NewGuid():N}");
        await page.GetByLabel("Base URL").FillAsync("http://simulator.test:8080");
        // Set through the DOM: a select offers only its options, and the server's checks are the ones under test.
        await page.EvaluateAsync(
            "([field, value]) => { const e = document.querySelector(`[name=${field}]`); if (e.tagName === 'SELECT') { e.add(new Option(value, value)); } e.value = value; }",
            new[] { field, value });
        await using var db = ui.Database.AppContext(TestDatabaseContexts.ForTenant(ui.TenantA.Id));
        var before = await db.SourceConfigurations.CountAsync();

        var response = page.WaitForResponseAsync(r => r.Request.Method == "POST" && r.Request.ResourceType == "document");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create source" }).ClickAsync();

        (await response).Status.Should().Be((int)HttpStatusCode.BadRequest);
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync(message);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("New source");
        (await db.SourceConfigurations.CountAsync()).Should().Be(before);
    }

    [Fact]
    public async Task Analysts_and_auditors_see_no_create_control_and_a_forced_post_with_a_valid_token_creates_nothing()
    {
        foreach (var email in new[] { ui.TenantA.AnalystEmail, ui.TenantA.AuditorEmail })
        {
            var page = await ui.SignedInAsync(email, SourcesPage);
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Sources");
            await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "New source" })).ToHaveCountAsync(0);
            var response = await page.GotoAsync(NewSourcePage);
            response!.Status.Should().Be(403, $"{email}, as POST /api/tenants/{{tenant}}/sources answers");
            await Assertions.Expect(page.Locator("main form[method=post]")).ToHaveCountAsync(0);
        }

        // The analyst has a real form (and so a valid token) on the notifications page.
        var analyst = await ui.SignedInAsync(ui.TenantA.AnalystEmail, $"/t/{ui.TenantA.Slug}/notifications");
        var token = await analyst.Locator("form[method=post] input[name=__RequestVerificationToken]").First.InputValueAsync();
        var form = analyst.APIRequest.CreateFormData();
        foreach (var (name, value) in new[]
                 {
                     ("_handler", "create-source"), ("__RequestVerificationToken", token), ("kind", "Simulator"), ("name", "forced source"),
                     ("cronSchedule", "0 1 * * *"), ("baseUrl", "http://simulator.test:8080"), ("enabled", "true"),
                 })
        {
            form.Set(name, value);
        }

        var forced = await analyst.APIRequest.PostAsync(NewSourcePage, new() { Form = form, MaxRedirects = 0 });
        var api = await analyst.APIRequest.PostAsync($"/api/tenants/{ui.TenantA.Slug}/sources", new()
        {
            DataObject = new { kind = "Simulator", name = "forced source", cronSchedule = "0 1 * * *", baseUrl = "http://simulator.test:8080" },
        });

        // Refused before any write: the page renders no form for them, so the post names a form that is not there.
        forced.Status.Should().BeInRange(400, 403);
        api.Status.Should().Be(403);
        await using var db = ui.Database.AppContext(TestDatabaseContexts.ForTenant(ui.TenantA.Id));
        (await db.SourceConfigurations.AnyAsync(s => s.Name == "forced source")).Should().BeFalse();
    }

    [Fact]
    public async Task Another_tenants_new_source_page_and_its_post_are_the_not_found_page()
    {
        var page = await ui.SignedInAsync(ui.TenantA.AdminEmail, NewSourcePage);
        var token = await page.Locator("form[method=post] input[name=__RequestVerificationToken]").First.InputValueAsync();
        var foreign = $"/t/{ui.TenantB.Slug}/sources/new";

        var response = await page.GotoAsync(foreign);
        var form = page.APIRequest.CreateFormData();
        foreach (var (name, value) in new[]
                 {
                     ("_handler", "create-source"), ("__RequestVerificationToken", token), ("kind", "Simulator"), ("name", "smuggled source"),
                     ("cronSchedule", "0 1 * * *"), ("baseUrl", "http://simulator.test:8080"), ("enabled", "true"),
                 })
        {
            form.Set(name, value);
        }

        var post = await page.APIRequest.PostAsync(foreign, new() { Form = form, MaxRedirects = 0 });

        response!.Status.Should().Be((int)HttpStatusCode.NotFound);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Not found");
        // Refused before any write: the 404 page renders no form, so Blazor refuses the post of a form that is not there (400).
        post.Status.Should().BeOneOf((int)HttpStatusCode.NotFound, (int)HttpStatusCode.BadRequest);
        await using var db = ui.Database.AppContext(TestDatabaseContexts.ForTenant(ui.TenantB.Id));
        (await db.SourceConfigurations.AnyAsync(s => s.Name == "smuggled source")).Should().BeFalse();
    }

    [Fact]
    public async Task An_admin_edits_a_sources_schedule_and_pull_mode_from_its_page()
    {
        var name = $"Edited {Guid.NewGuid():N}"[..20];
        var id = await SeedSourceAsync(ui.TenantA.Id, name);
        var page = await ui.SignedInAsync(ui.TenantA.AdminEmail, $"{SourcesPage}/{id}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Edit source" }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == $"{SourcesPage}/{id}/edit");
        await Assertions.Expect(page.GetByLabel("Schedule (cron, UTC)")).ToHaveValueAsync("0 */6 * * *");

        await page.GetByLabel("Schedule (cron, UTC)").FillAsync("45 1 * * 0");
        await page.GetByLabel("Full exports read as").SelectOptionAsync("Files");
        await page.GetByLabel("Full run every", new() { Exact = false }).FillAsync("14");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save source" }).ClickAsync();

        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == $"{SourcesPage}/{id}");
        var facts = page.Locator("section[aria-labelledby=source-facts]");
        await Assertions.Expect(facts).ToContainTextAsync("45 1 * * 0");
        await Assertions.Expect(facts).ToContainTextAsync("Files");
        await Assertions.Expect(facts).ToContainTextAsync("Deltas, with a full run every 14 days");
        await using var db = ui.Database.AppContext(TestDatabaseContexts.ForTenant(ui.TenantA.Id));
        var stored = await db.SourceConfigurations.AsNoTracking().SingleAsync(s => s.Id == id);
        (stored.Name, stored.CronSchedule, stored.PullMode, stored.FullRunIntervalDays, stored.Enabled)
            .Should().Be((name, "45 1 * * 0", SourcePullMode.Files, 14, true));
        (await db.AuditLogEntries.CountAsync(e => e.Action == "source.updated" && e.EntityId == id.ToString())).Should().Be(1);
    }

    [Fact]
    public async Task A_bad_edit_shows_the_APIs_message_and_changes_nothing()
    {
        var id = await SeedSourceAsync(ui.TenantA.Id, $"Kept {Guid.NewGuid():N}"[..18]);
        var page = await ui.SignedInAsync(ui.TenantA.AdminEmail, $"{SourcesPage}/{id}/edit");
        await page.GetByLabel("Schedule (cron, UTC)").FillAsync("every day");

        var response = page.WaitForResponseAsync(r => r.Request.Method == "POST" && r.Request.ResourceType == "document");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save source" }).ClickAsync();

        (await response).Status.Should().Be((int)HttpStatusCode.BadRequest);
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("A schedule must be a UTC cron expression");
        await Assertions.Expect(page.GetByLabel("Schedule (cron, UTC)")).ToHaveValueAsync("every day");
        await using var db = ui.Database.AppContext(TestDatabaseContexts.ForTenant(ui.TenantA.Id));
        (await db.SourceConfigurations.AsNoTracking().SingleAsync(s => s.Id == id)).CronSchedule.Should().Be("0 */6 * * *");
    }

    [Fact]
    public async Task Analysts_see_no_edit_control_and_the_edit_page_is_forbidden_to_them()
    {
        var id = await SeedSourceAsync(ui.TenantA.Id, $"Read only {Guid.NewGuid():N}"[..23]);
        foreach (var email in new[] { ui.TenantA.AnalystEmail, ui.TenantA.AuditorEmail })
        {
            var page = await ui.SignedInAsync(email, $"{SourcesPage}/{id}");
            await Assertions.Expect(page.Locator("section[aria-labelledby=source-facts]")).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Edit source" })).ToHaveCountAsync(0);
            var response = await page.GotoAsync($"{SourcesPage}/{id}/edit");
            response!.Status.Should().Be(403, $"{email}, as PUT /api/tenants/{{tenant}}/sources/{{id}} answers");
            await Assertions.Expect(page.Locator("main form[method=post]")).ToHaveCountAsync(0);
        }
    }

    [Fact]
    public async Task Another_tenants_source_is_the_not_found_page_on_edit_and_its_post_changes_nothing()
    {
        var sourceOfB = await SeedSourceAsync(ui.TenantB.Id, $"B only {Guid.NewGuid():N}"[..20]);
        var page = await ui.SignedInAsync(ui.TenantA.AdminEmail, NewSourcePage);
        var token = await page.Locator("form[method=post] input[name=__RequestVerificationToken]").First.InputValueAsync();

        foreach (var path in new[] { $"{SourcesPage}/{sourceOfB}/edit", $"/t/{ui.TenantB.Slug}/sources/{sourceOfB}/edit" })
        {
            var response = await page.GotoAsync(path);
            response!.Status.Should().Be((int)HttpStatusCode.NotFound, path);
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Not found");
            var form = page.APIRequest.CreateFormData();
            foreach (var (name, value) in new[]
                     {
                         ("_handler", "edit-source"), ("__RequestVerificationToken", token), ("name", "stolen"),
                         ("cronSchedule", "0 1 * * *"), ("baseUrl", "http://simulator.test:8080"), ("pageSize", "10"), ("enabled", "true"),
                     })
            {
                form.Set(name, value);
            }

            var post = await page.APIRequest.PostAsync(path, new() { Form = form, MaxRedirects = 0 });

            // Refused before any write: the 404 page renders no form, so Blazor refuses the post of a form that is not there (400).
            post.Status.Should().BeOneOf((int)HttpStatusCode.NotFound, (int)HttpStatusCode.BadRequest);
        }

        await using var db = ui.Database.AppContext(TestDatabaseContexts.ForTenant(ui.TenantB.Id));
        (await db.SourceConfigurations.AsNoTracking().SingleAsync(s => s.Id == sourceOfB)).Name.Should().StartWith("B only");
    }

    [Theory]
    [InlineData(ColorScheme.Light, "light")]
    [InlineData(ColorScheme.Dark, "dark")]
    public async Task The_source_form_pages_pass_the_contrast_check_and_is_photographed(ColorScheme scheme, string name)
    {
        var id = await SeedSourceAsync(ui.TenantA.Id, $"Contrast {Guid.NewGuid():N}"[..22]);
        var page = await ui.SignedInAsync(ui.TenantA.AdminEmail, NewSourcePage, scheme);

        foreach (var (screen, path) in new[] { ("source-new", NewSourcePage), ("source-edit", $"{SourcesPage}/{id}/edit") })
        {
            await page.GotoAsync(path);
            var result = await page.RunAxe(new AxeRunOptions { RunOnly = RunOnlyOptions.Rules("color-contrast") });
            result.Violations.Should().BeEmpty($"{screen} in {name}: {string.Join("; ", result.Violations.SelectMany(v => v.Nodes).Select(n => n.Html))}");
            await UiFixture.ScreenshotAsync(page, $"{screen}-{name}");
        }
    }

    private async Task<Guid> SeedSourceAsync(Guid tenant, string name)
    {
        await using var db = ui.Database.AppContext(TestDatabaseContexts.ForTenant(tenant));
        var source = new SourceConfiguration(tenant, SourceKind.Simulator, name, "0 */6 * * *", "http://127.0.0.1:9", null, DateTimeOffset.UtcNow);
        db.SourceConfigurations.Add(source);
        await db.SaveChangesAsync();
        return source.Id;
    }
}
