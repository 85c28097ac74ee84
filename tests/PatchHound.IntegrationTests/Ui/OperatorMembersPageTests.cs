using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using PatchHound.Core.Identity;
using PatchHound.IntegrationTests.Api;
using PatchHound.IntegrationTests.Harness;

namespace PatchHound.IntegrationTests.Ui;

/// <summary>The operators' page of a tenant's members in a real chromium: add, change role, remove; who else is refused.</summary>
[Collection(BrowserCollection.Name)]
public sealed class OperatorMembersPageTests(UiFixture ui) : IClassFixture<UiFixture>
{
    private const string TenantsPath = "/operator/tenants";

    [Fact]
    public async Task An_operator_adds_a_member_changes_the_role_and_removes_the_member()
    {
        var slug = $"mem-{Guid.NewGuid():N}"[..20];
        var email = $"{slug}@members.test";
        var page = await ui.SignedInAsync(ApiFixture.OperatorEmail, TenantsPath);
        var confirm = false;
        page.Dialog += (_, dialog) => _ = confirm ? dialog.AcceptAsync() : dialog.DismissAsync();
        await page.GetByLabel("Slug (").FillAsync(slug);
        await page.GetByLabel("Name").FillAsync("Members test tenant");
        (await UiForms.SubmitAsync(page, "Create tenant")).Should().Be(200);
        await page.GetByRole(AriaRole.Link, new() { Name = $"Members of {slug}", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("main h1")).ToHaveTextAsync("Members of Members test tenant");

        await page.GetByLabel("E-mail").FillAsync(email);
        await page.GetByLabel("Role", new() { Exact = true }).SelectOptionAsync("Analyst");
        (await UiForms.SubmitAsync(page, "Add member")).Should().Be(400);
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("displayName: No user has this e-mail address; give a display name to create one.");

        await page.GetByLabel("E-mail").FillAsync(email);
        await page.GetByLabel("Display name").FillAsync("New Member");
        await page.GetByLabel("Role", new() { Exact = true }).SelectOptionAsync("Analyst");
        (await UiForms.SubmitAsync(page, "Add member")).Should().Be(200);
        var row = page.Locator($"table.members tbody tr[data-member='{email}']");
        await Assertions.Expect(row.Locator("[data-field=role]")).ToHaveValueAsync("Analyst");
        (await RoleInDatabaseAsync(slug, email)).Should().Be(TenantRole.Analyst);

        await page.GetByLabel("E-mail").FillAsync(email);
        await page.GetByLabel("Role", new() { Exact = true }).SelectOptionAsync("Auditor");
        (await UiForms.SubmitAsync(page, "Add member")).Should().Be(409);
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync($"{email} already belongs to this tenant.");

        await row.Locator("[data-field=role]").SelectOptionAsync("Auditor");
        (await UiForms.SubmitAsync(page, $"Change role of {email}")).Should().Be(200);
        await Assertions.Expect(row.Locator("[data-field=role]")).ToHaveValueAsync("Auditor");
        (await RoleInDatabaseAsync(slug, email)).Should().Be(TenantRole.Auditor);

        await page.GetByRole(AriaRole.Button, new() { Name = $"Remove {email}", Exact = true }).ClickAsync();
        (await RoleInDatabaseAsync(slug, email)).Should().Be(TenantRole.Auditor, "a dismissed confirmation posts nothing");
        confirm = true;
        (await UiForms.SubmitAsync(page, $"Remove {email}")).Should().Be(200);
        await Assertions.Expect(row).ToHaveCountAsync(0);
        (await RoleInDatabaseAsync(slug, email)).Should().BeNull();
    }

    [Fact]
    public async Task Tenant_members_get_403_on_the_members_page_and_a_forced_post_changes_nothing_and_unknown_tenants_are_404()
    {
        var path = $"{TenantsPath}/{ui.TenantA.Id}/members";
        var admin = await ui.SignedInAsync(ui.TenantA.AdminEmail, $"/t/{ui.TenantA.Slug}/settings");
        var token = await admin.Locator("form[method=post] input[name=__RequestVerificationToken]").First.InputValueAsync();

        (await admin.GotoAsync(path))!.Status.Should().Be(403);
        (await admin.APIRequest.GetAsync($"/api/admin/tenants/{ui.TenantA.Id}/memberships")).Status.Should().Be(403);
        var forced = await admin.APIRequest.PostAsync(path, new()
        {
            Form = UiForms.FormOf(admin.APIRequest, ("_handler", "add"), ("__RequestVerificationToken", token),
                ("email", "forced@members.test"), ("displayName", "Forced"), ("role", "TenantAdmin")),
            MaxRedirects = 0,
        });
        forced.Status.Should().Be(403, "as POST /api/admin/tenants/{id}/memberships answers");
        await using (var db = ui.Database.AppContext())
        {
            (await db.Users.AsNoTracking().AnyAsync(u => u.Email == "forced@members.test")).Should().BeFalse();
        }

        var op = await ui.SignedInAsync(ApiFixture.OperatorEmail, TenantsPath);
        (await op.GotoAsync($"{TenantsPath}/{Guid.NewGuid()}/members"))!.Status.Should().Be(404);
        (await op.GotoAsync($"{path}?cursor=not-a-cursor"))!.Status.Should().Be(400);
    }

    [Theory]
    [InlineData(ColorScheme.Light, "light")]
    [InlineData(ColorScheme.Dark, "dark")]
    public async Task The_members_page_passes_the_contrast_check_and_is_photographed(ColorScheme scheme, string name)
    {
        var page = await ui.SignedInAsync(ApiFixture.OperatorEmail, $"{TenantsPath}/{ui.TenantA.Id}/members", scheme);
        await Assertions.Expect(page.Locator("table.members tbody tr").First).ToBeVisibleAsync();
        var result = await page.RunAxe(new AxeRunOptions { RunOnly = RunOnlyOptions.Rules("color-contrast") });
        result.Violations.Should().BeEmpty($"{name}: {string.Join("; ", result.Violations.SelectMany(v => v.Nodes).Select(n => n.Html))}");
        await UiFixture.ScreenshotAsync(page, $"operator-members-{name}");
    }

    private async Task<TenantRole?> RoleInDatabaseAsync(string slug, string email)
    {
        await using var db = ui.Database.AppContext();
        var tenant = await db.Tenants.AsNoTracking().SingleAsync(t => t.Slug == slug);
        await using var scoped = ui.Database.AppContext(TestDatabaseContexts.ForTenant(tenant.Id));
        var user = await scoped.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Email == email);
        return user is null ? null : (await scoped.TenantMemberships.AsNoTracking().SingleOrDefaultAsync(m => m.UserId == user.Id))?.Role;
    }
}
