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
        page.Dialog += (_, dialog) => dialog.AcceptAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Background jobs (Hangfire dashboard)" })).ToHaveAttributeAsync("href", "/admin/jobs");

        await page.GetByLabel("Slug").FillAsync(slug);
        await page.GetByLabel("Name").FillAsync("Operations test tenant");
        await page.GetByLabel("Edition").SelectOptionAsync("Standard");
        (await SubmitAsync(page, "Create tenant")).Should().Be(200);
        var row = page.Locator($"table.tenants tbody tr[data-tenant='{slug}']");
        await Assertions.Expect(row).ToContainTextAsync("Standard");
        await Assertions.Expect(row.Locator("[data-field=status]")).ToHaveTextAsync("Active");

        (await SubmitAsync(page, $"Suspend {slug}")).Should().Be(200);
        await Assertions.Expect(row.Locator("[data-field=status]")).ToHaveTextAsync("Suspended");
        await using (var db = ui.Database.AppContext())
        {
            (await db.Tenants.AsNoTracking().SingleAsync(t => t.Slug == slug)).Status.Should().Be(TenantStatus.Suspended);
        }

        (await SubmitAsync(page, $"Reactivate {slug}")).Should().Be(200);
        await Assertions.Expect(row.Locator("[data-field=status]")).ToHaveTextAsync("Active");
        await using (var db = ui.Database.AppContext())
        {
            (await db.Tenants.AsNoTracking().SingleAsync(t => t.Slug == slug)).Status.Should().Be(TenantStatus.Active);
        }

        await page.GetByLabel("Slug").FillAsync(slug);
        await page.GetByLabel("Name").FillAsync("Same slug again");
        (await SubmitAsync(page, "Create tenant")).Should().Be(409);
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync($"A tenant with slug '{slug}' already exists.");

        await page.GetByLabel("Slug").FillAsync("another-one");
        await page.GetByLabel("Name").FillAsync("");
        (await SubmitAsync(page, "Create tenant")).Should().Be(400);
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("name: The name field is required.");
    }

    [Fact]
    public async Task Tenant_members_get_403_as_from_the_API_and_a_forced_post_changes_nothing()
    {
        var admin = await ui.SignedInAsync(ui.TenantA.AdminEmail, $"/t/{ui.TenantA.Slug}/settings");
        var token = await admin.Locator("form[method=post] input[name=__RequestVerificationToken]").First.InputValueAsync();

        var response = await admin.GotoAsync(TenantsPath);
        response!.Status.Should().Be(403);
        await Assertions.Expect(admin.Locator("main form[method=post]")).ToHaveCountAsync(0);
        (await admin.APIRequest.GetAsync("/api/admin/tenants")).Status.Should().Be(403);

        var form = admin.APIRequest.CreateFormData();
        form.Set("_handler", "status");
        form.Set("__RequestVerificationToken", token);
        form.Set("Change", $"suspend:{ui.TenantA.Id}");
        var forced = await admin.APIRequest.PostAsync(TenantsPath, new() { Form = form, MaxRedirects = 0 });

        forced.Status.Should().BeInRange(400, 403);
        await using var db = ui.Database.AppContext();
        (await db.Tenants.AsNoTracking().SingleAsync(t => t.Id == ui.TenantA.Id)).Status.Should().Be(TenantStatus.Active);
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

    private static async Task<int> SubmitAsync(IPage page, string button)
    {
        var response = page.WaitForResponseAsync(r => r.Request.Method == "POST" && r.Request.ResourceType == "document");
        await page.GetByRole(AriaRole.Button, new() { Name = button, Exact = true }).ClickAsync();
        var status = (await response).Status;
        await page.Locator("main h1").WaitForAsync();
        return status;
    }
}
