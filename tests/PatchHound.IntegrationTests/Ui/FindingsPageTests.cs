using System.Text.RegularExpressions;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace PatchHound.IntegrationTests.Ui;

/// <summary>
/// The findings list, its detail and the overview in a real chromium, asserting what the analyst sees; figures come
/// from <see cref="Api.Read.ReadData"/> at the fixture's fixed "now".
/// </summary>
[Collection(UiCollection.Name)]
public sealed partial class FindingsPageTests(UiFixture ui)
{
    private string Findings => $"/t/{ui.TenantA.Slug}/findings";

    [Fact]
    public async Task Anonymous_visitors_are_sent_to_sign_in_and_come_back_to_the_filtered_list()
    {
        var page = await ui.NewPageAsync();
        var wanted = $"{Findings}?severity=High";

        await page.GotoAsync(wanted);

        new Uri(page.Url).PathAndQuery.Should().Be($"/sign-in?returnUrl={Uri.EscapeDataString(wanted)}");
        await page.GetByLabel("E-mail").FillAsync(ui.TenantA.AnalystEmail);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).PathAndQuery == wanted);
        (await CvesAsync(page)).Should().OnlyContain(cve => cve == "CVE-2026-0002").And.HaveCount(3);
    }

    [Fact]
    public async Task An_unknown_e_mail_is_refused_on_the_sign_in_page()
    {
        var page = await ui.NewPageAsync();
        await page.GotoAsync("/sign-in");

        await page.GetByLabel("E-mail").FillAsync("nobody@ui.test");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("No PatchHound user has this e-mail address.");
        await page.GotoAsync(Findings);
        new Uri(page.Url).AbsolutePath.Should().Be("/sign-in");
    }

    [Fact]
    public async Task Filtering_to_critical_known_exploited_findings_keeps_the_filter_in_the_url()
    {
        var page = await ui.SignedInAsync(ui.TenantA.AnalystEmail, Findings);
        (await CvesAsync(page)).Should().HaveCount(12);

        await page.GetByRole(AriaRole.Checkbox, new() { Name = "Critical" }).CheckAsync();
        await page.GetByLabel("KEV").SelectOptionAsync("true");
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("kev=true", StringComparison.Ordinal));

        page.Url.Should().Contain("severity=Critical").And.Contain("kev=true");
        await Assertions.Expect(page.Locator("tbody tr")).ToHaveCountAsync(3);
        (await CvesAsync(page)).Should().OnlyContain(cve => cve == "CVE-2026-0001");
        await page.ReloadAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Checkbox, new() { Name = "Critical" })).ToBeCheckedAsync();
        await Assertions.Expect(page.GetByLabel("KEV")).ToHaveValueAsync("true");
        var csv = await page.GetByRole(AriaRole.Link, new() { Name = "Export CSV" }).GetAttributeAsync("href");
        csv.Should().Be($"/api/tenants/{ui.TenantA.Slug}/findings/export.csv?severity=Critical&kev=true");
    }

    [Fact]
    public async Task Sorting_by_a_column_is_a_link_that_flips_its_direction()
    {
        var page = await ui.SignedInAsync(ui.TenantA.AnalystEmail, Findings);

        await page.GetByRole(AriaRole.Link, new() { Name = "EPSS" }).ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith("sort=epss", StringComparison.Ordinal));
        await Assertions.Expect(page.GetByRole(AriaRole.Columnheader, new() { Name = "EPSS ↑" })).ToHaveAttributeAsync("aria-sort", "ascending");
        await page.GetByRole(AriaRole.Link, new() { Name = "EPSS ↑" }).ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith("sort=-epss", StringComparison.Ordinal));

        (await CvesAsync(page)).Take(3).Should().OnlyContain(cve => cve == "CVE-2026-0001", "EPSS .9 is the highest");
    }

    [Fact]
    public async Task A_malformed_cursor_or_an_unknown_sort_shows_the_APIs_messages_instead_of_a_list()
    {
        var page = await ui.SignedInAsync(ui.TenantA.AnalystEmail, Findings);

        var response = await page.GotoAsync($"{Findings}?sort=bogus&cursor=!!!&minEpss=2");

        response!.Status.Should().Be(400);
        var alert = page.GetByRole(AriaRole.Alert);
        await Assertions.Expect(alert).ToContainTextAsync("\"bogus\" is not a sort");
        await Assertions.Expect(alert).ToContainTextAsync("The cursor is not valid");
        await Assertions.Expect(alert).ToContainTextAsync("minEpss is a probability between 0 and 1.");
        await Assertions.Expect(page.Locator("table.list")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Another_tenants_finding_is_the_not_found_page()
    {
        var page = await ui.SignedInAsync(ui.TenantA.AnalystEmail, Findings);

        foreach (var path in new[] { $"/t/{ui.TenantB.Slug}/findings/{ui.FindingB}", $"{Findings}/{ui.FindingB}", $"/t/{ui.TenantB.Slug}/findings", "/t/no-such-tenant" })
        {
            var response = await page.GotoAsync(path);
            response!.Status.Should().Be(404, path);
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Not found");
        }
    }

    [Fact]
    public async Task Keyboard_j_and_k_move_the_selection_and_o_opens_the_finding()
    {
        var page = await ui.SignedInAsync(ui.TenantA.AnalystEmail, Findings);
        var rows = page.Locator("tbody tr");

        await page.Keyboard.PressAsync("j");
        await page.Keyboard.PressAsync("j");
        await Assertions.Expect(rows.Nth(1)).ToHaveAttributeAsync("aria-selected", "true");
        await page.Keyboard.PressAsync("k");
        await Assertions.Expect(rows.Nth(0)).ToHaveAttributeAsync("aria-selected", "true");
        await Assertions.Expect(rows.Nth(1)).ToHaveAttributeAsync("aria-selected", "false");
        var first = await rows.Nth(0).Locator("a").First.GetAttributeAsync("href");

        await page.Locator("body").PressAsync("o");

        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == first);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(" on ");
        await page.Keyboard.PressAsync("?");
        await Assertions.Expect(page.GetByRole(AriaRole.Dialog, new() { Name = "Keyboard shortcuts" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task The_finding_detail_shows_the_device_software_and_the_vulnerabilitys_facts()
    {
        var id = ui.A.Findings["F1"];
        var page = await ui.SignedInAsync(ui.TenantA.AuditorEmail, $"{Findings}/{id}");

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("CVE-2026-0001 on web-01");
        var text = await page.Locator("main").InnerTextAsync();
        text.Should().Contain("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H")
            .And.Contain("Known exploited since 2026-10-01, CISA due 2026-10-22")
            .And.Contain("openssl 1.0")
            .And.Contain("Breached");
    }

    [Fact]
    public async Task Every_overview_figure_links_to_the_list_it_counts()
    {
        var page = await ui.SignedInAsync(ui.TenantA.AnalystEmail, $"/t/{ui.TenantA.Slug}");

        await page.GetByRole(AriaRole.Link, new() { Name = "3 breached" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("slaState=Breached", StringComparison.Ordinal));

        await Assertions.Expect(page.Locator("tbody tr")).ToHaveCountAsync(3);
        await page.GoBackAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "3 High open findings" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("severity=High", StringComparison.Ordinal));
        await Assertions.Expect(page.Locator("tbody tr")).ToHaveCountAsync(3);
    }

    [Fact]
    public async Task A_member_of_two_tenants_switches_between_them()
    {
        var page = await ui.SignedInAsync(UiFixture.TwoTenantsEmail, "/");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Your tenants");

        await page.GetByRole(AriaRole.Link, new() { Name = ui.TenantA.Slug, Exact = true }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == $"/t/{ui.TenantA.Slug}");
        await page.GetByText($"Tenant: {ui.TenantA.Slug}").ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = ui.TenantB.Slug, Exact = true }).ClickAsync();

        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == $"/t/{ui.TenantB.Slug}");
        await Assertions.Expect(page.GetByText($"Tenant: {ui.TenantB.Slug}")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "2 open findings" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Signing_out_ends_the_session()
    {
        var page = await ui.SignedInAsync(ui.TenantA.AnalystEmail, Findings);

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/sign-in");
        await page.GotoAsync(Findings);

        new Uri(page.Url).AbsolutePath.Should().Be("/sign-in");
    }

    [Theory]
    [InlineData(ColorScheme.Light, "light")]
    [InlineData(ColorScheme.Dark, "dark")]
    public async Task The_pages_pass_the_contrast_check_and_are_photographed(ColorScheme scheme, string name)
    {
        var page = await ui.SignedInAsync(ui.TenantA.AnalystEmail, Findings, scheme);
        var screens = new[]
        {
            ("findings", Findings),
            ("overview", $"/t/{ui.TenantA.Slug}"),
            ("finding-detail", $"{Findings}/{ui.A.Findings["F1"]}"),
            ("not-found", $"/t/{ui.TenantB.Slug}"),
        };

        foreach (var (screen, path) in screens)
        {
            await page.GotoAsync(path);
            var result = await page.RunAxe(new AxeRunOptions { RunOnly = RunOnlyOptions.Rules("color-contrast") });
            result.Violations.Should().BeEmpty($"{screen} in {name}: {string.Join("; ", result.Violations.SelectMany(v => v.Nodes).Select(n => n.Html))}");
            await UiFixture.ScreenshotAsync(page, $"{screen}-{name}");
        }

        await page.GotoAsync("/sign-in");
        await UiFixture.ScreenshotAsync(page, $"sign-in-{name}");
    }

    [Fact]
    public async Task The_theme_switch_is_remembered_across_pages()
    {
        var page = await ui.SignedInAsync(ui.TenantA.AnalystEmail, Findings);

        await page.GetByLabel("Theme").SelectOptionAsync("dark");
        await page.GotoAsync($"/t/{ui.TenantA.Slug}");

        (await page.Locator("html").GetAttributeAsync("data-theme")).Should().Be("dark", "the server renders the cookie's theme");
        await Assertions.Expect(page.GetByLabel("Theme")).ToHaveValueAsync("dark");
    }

    private static async Task<IReadOnlyList<string>> CvesAsync(IPage page)
    {
        await page.Locator("table.list").WaitForAsync();
        return (await page.Locator("tbody tr td:first-child").AllInnerTextsAsync()).Select(t => CveId().Match(t).Value).ToList();
    }

    [GeneratedRegex(@"CVE-\d{4}-\d+")]
    private static partial Regex CveId();
}
