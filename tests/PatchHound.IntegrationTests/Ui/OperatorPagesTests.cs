using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using PatchHound.Core.Tenancy;
using PatchHound.IntegrationTests.Api;
using PatchHound.IntegrationTests.Harness;

namespace PatchHound.IntegrationTests.Ui;

/// <summary>The platform operators' tenants page in a real chromium: create, suspend, reactivate; who else is refused.</summary>
[Collection(BrowserCollection.Name)]
public sealed class OperatorPagesTests(UiFixture ui) : IClassFixture<UiFixture>
{
    private const string TenantsPath = "/operator/tenants";

    [Fact]
    public async Task An_operator_creates_a_tenant_suspends_and_reactivates_it()
    {
        var slug = $"ops-{Guid.NewGuid():N}"[..20];
        var page = await ui.SignedInAsync(ApiFixture.OperatorEmail, TenantsPath);
        var confirm = false;
        page.Dialog += (_, dialog) => _ = confirm ? dialog.AcceptAsync() : dialog.DismissAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Operator", Exact = true })).ToHaveAttributeAsync("href", TenantsPath);
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Background jobs (Hangfire dashboard)" })).ToHaveAttributeAsync("href", "/admin/jobs");

        await page.GetByLabel("Slug (").FillAsync(slug);
        await page.GetByLabel("Name").FillAsync("Operations test tenant");
        await page.GetByLabel("Edition").SelectOptionAsync("Standard");
        (await UiForms.SubmitAsync(page, "Create tenant")).Should().Be(200);
        var row = page.Locator($"table.tenants tbody tr[data-tenant='{slug}']");
        await Assertions.Expect(row).ToContainTextAsync("Standard");
        await Assertions.Expect(row.Locator("[data-field=status]")).ToHaveTextAsync("Active");

        await page.GetByRole(AriaRole.Button, new() { Name = $"Suspend {slug}", Exact = true }).ClickAsync();
        await Assertions.Expect(row.Locator("[data-field=status]")).ToHaveTextAsync("Active");
        confirm = true;
        (await UiForms.SubmitAsync(page, $"Suspend {slug}")).Should().Be(200);
        await Assertions.Expect(row.Locator("[data-field=status]")).ToHaveTextAsync("Suspended");
        await using (var db = ui.Database.AppContext())
        {
            (await db.Tenants.AsNoTracking().SingleAsync(t => t.Slug == slug)).Status.Should().Be(TenantStatus.Suspended);
        }

        (await UiForms.SubmitAsync(page, $"Reactivate {slug}")).Should().Be(200);
        await Assertions.Expect(row.Locator("[data-field=status]")).ToHaveTextAsync("Active");
        await using (var db = ui.Database.AppContext())
        {
            (await db.Tenants.AsNoTracking().SingleAsync(t => t.Slug == slug)).Status.Should().Be(TenantStatus.Active);
        }

        await page.GetByLabel("Slug (").FillAsync(slug);
        await page.GetByLabel("Name").FillAsync("Same slug again");
        (await UiForms.SubmitAsync(page, "Create tenant")).Should().Be(409);
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync($"A tenant with slug '{slug}' already exists.");

        await page.GetByLabel("Slug (").FillAsync("another-one");
        await page.GetByLabel("Name").FillAsync("");
        (await UiForms.SubmitAsync(page, "Create tenant")).Should().Be(400);
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("name: The name field is required.");
    }

    [Fact]
    public async Task Bad_input_shows_the_APIs_message_and_status_never_500()
    {
        var page = await ui.SignedInAsync(ApiFixture.OperatorEmail, TenantsPath);
        var token = await page.Locator("form[method=post] input[name=__RequestVerificationToken]").First.InputValueAsync();

        var unknownEdition = await page.APIRequest.PostAsync(TenantsPath, new()
        {
            Form = UiForms.FormOf(page.APIRequest, ("_handler", "create"), ("__RequestVerificationToken", token),
                ("slug", "platinum-tenant"), ("name", "Platinum"), ("edition", "Platinum")),
            MaxRedirects = 0,
        });
        unknownEdition.Status.Should().Be(400);
        (await unknownEdition.TextAsync()).Should().Contain("<strong>edition</strong>: The value is missing, malformed or of the wrong type");

        var badSlug = await page.APIRequest.PostAsync(TenantsPath, new()
        {
            Form = UiForms.FormOf(page.APIRequest, ("_handler", "create"), ("__RequestVerificationToken", token),
                ("slug", "Not_A_Slug"), ("name", "Bad slug"), ("edition", "Free")),
            MaxRedirects = 0,
        });
        badSlug.Status.Should().Be(400);
        (await badSlug.TextAsync()).Should().Contain("<strong>slug</strong>: ");

        var badCursor = await page.GotoAsync($"{TenantsPath}?cursor=not-a-cursor");
        badCursor!.Status.Should().Be(400);
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("cursor");

        await using var db = ui.Database.AppContext();
        (await db.Tenants.AsNoTracking().AnyAsync(t => t.Slug == "platinum-tenant")).Should().BeFalse();
    }

    [Fact]
    public async Task Tenant_members_see_no_operator_link_get_403_as_from_the_API_and_a_forced_post_changes_nothing()
    {
        // Each has a real form (and so a valid antiforgery token) on a page of their own.
        foreach (var (email, formPage) in new[] { (ui.TenantA.AdminEmail, "settings"), (ui.TenantA.AnalystEmail, "notifications") })
        {
            var member = await ui.SignedInAsync(email, $"/t/{ui.TenantA.Slug}/{formPage}");
            await Assertions.Expect(member.GetByRole(AriaRole.Link, new() { Name = "Operator" })).ToHaveCountAsync(0);
            var token = await member.Locator("form[method=post] input[name=__RequestVerificationToken]").First.InputValueAsync();

            var response = await member.GotoAsync(TenantsPath);
            response!.Status.Should().Be(403, email);
            await Assertions.Expect(member.Locator("main form[method=post]")).ToHaveCountAsync(0);
            (await member.APIRequest.GetAsync("/api/admin/tenants")).Status.Should().Be(403);

            var suspend = await member.APIRequest.PostAsync(TenantsPath, new()
            {
                Form = UiForms.FormOf(member.APIRequest, ("_handler", "status"), ("__RequestVerificationToken", token), ("Change", $"suspend:{ui.TenantA.Id}")),
                MaxRedirects = 0,
            });
            var create = await member.APIRequest.PostAsync(TenantsPath, new()
            {
                Form = UiForms.FormOf(member.APIRequest, ("_handler", "create"), ("__RequestVerificationToken", token),
                    ("slug", "forced-tenant"), ("name", "Forced"), ("edition", "Free")),
                MaxRedirects = 0,
            });

            suspend.Status.Should().Be(403, $"{email}: as POST /api/admin/tenants/{{id}}/suspend answers");
            create.Status.Should().Be(403, $"{email}: as POST /api/admin/tenants answers");
        }

        await using var db = ui.Database.AppContext();
        (await db.Tenants.AsNoTracking().SingleAsync(t => t.Id == ui.TenantA.Id)).Status.Should().Be(TenantStatus.Active);
        (await db.Tenants.AsNoTracking().AnyAsync(t => t.Slug == "forced-tenant")).Should().BeFalse();
    }

    [Theory]
    [InlineData(ColorScheme.Light, "light")]
    [InlineData(ColorScheme.Dark, "dark")]
    public async Task The_tenants_page_passes_the_contrast_check_and_is_photographed(ColorScheme scheme, string name)
    {
        var page = await ui.SignedInAsync(ApiFixture.OperatorEmail, TenantsPath, scheme);
        var result = await page.RunAxe(new AxeRunOptions { RunOnly = RunOnlyOptions.Rules("color-contrast") });
        result.Violations.Should().BeEmpty($"{name}: {string.Join("; ", result.Violations.SelectMany(v => v.Nodes).Select(n => n.Html))}");
        await UiFixture.ScreenshotAsync(page, $"operator-tenants-{name}");
    }
}
