using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace PatchHound.IntegrationTests.Ui;

/// <summary>
/// Devices and vulnerabilities in a real chromium, on <see cref="Api.Read.ReadData"/>: tenant A's five devices (dev1
/// web-01 in machine group The-A-Team with three open findings, dev2 db-01 with four, dev3 the lab printer with two,
/// dev4 and dev5 none) and its five CVEs; tenant B's device and CVE-2026-0099, found in tenant B alone.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class InventoryPagesTests(UiFixture ui) : IClassFixture<UiFixture>
{
    private string Devices => $"/t/{ui.TenantA.Slug}/devices";

    private string Vulnerabilities => $"/t/{ui.TenantA.Slug}/vulnerabilities";

    [Fact]
    public async Task An_analyst_walks_from_a_device_to_a_finding_its_vulnerability_and_the_other_affected_devices()
    {
        var page = await ui.SignedInAsync(ui.TenantA.AnalystEmail, Devices);
        (await FirstColumnAsync(page)).Should().HaveCount(5).And.StartWith("db-01", "the riskiest device comes first");
        await Assertions.Expect(page.Locator("tbody tr").First).ToContainTextAsync("1 Critical · 1 High · 1 Low · 1 None");

        await page.GetByRole(AriaRole.Link, new() { Name = "db-01", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == $"{Devices}/{ui.A.Devices["dev2"]}");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("db-01");
        var openFindings = page.GetByRole(AriaRole.Table, new() { Name = "Open findings" });
        await Assertions.Expect(openFindings.Locator("tbody tr")).ToHaveCountAsync(4);
        var software = page.GetByRole(AriaRole.Table, new() { Name = "Installed software" });
        (await software.Locator("tbody tr td:nth-child(3)").AllInnerTextsAsync()).Should().Equal("1.24", "1.25");
        (await page.GetByRole(AriaRole.Link, new() { Name = "All findings of this device" }).GetAttributeAsync("href"))
            .Should().Be($"/t/{ui.TenantA.Slug}/findings?deviceId={ui.A.Devices["dev2"]}");

        await openFindings.GetByRole(AriaRole.Link, new() { Name = "CVE-2026-0001" }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == $"/t/{ui.TenantA.Slug}/findings/{ui.A.Findings["F10"]}");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("CVE-2026-0001 on db-01");

        await page.GetByRole(AriaRole.Link, new() { Name = "CVE-2026-0001", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == $"{Vulnerabilities}/CVE-2026-0001");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("CVE-2026-0001");
        var facts = await page.Locator("main").InnerTextAsync();
        facts.Should().Contain("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H").And.Contain("CISA due 2026-10-22");
        var affected = page.GetByRole(AriaRole.Table, new() { Name = "Devices and their findings" });
        var rows = (await affected.Locator("tbody tr").AllInnerTextsAsync()).Select(r => r.Split('\t')[0] + ":" + r.Split('\t')[2]).ToList();
        rows.Should().BeEquivalentTo("web-01:Open", "db-01:Open", "lab \"printer\", floor 2:RiskAccepted");

        await affected.GetByRole(AriaRole.Link, new() { Name = "web-01", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == $"{Devices}/{ui.A.Devices["dev1"]}");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("web-01");
        var device = await page.Locator("main").InnerTextAsync();
        device.Should().Contain("The-A-Team").And.Contain("172.17.230.209").And.Contain("80fe8ff8-2624-418e-9591-41f0491218f9")
            .And.Contain("onboarded").And.Contain("64-bit");
    }

    [Fact]
    public async Task Device_filters_and_sort_are_kept_in_the_url()
    {
        var page = await ui.SignedInAsync(ui.TenantA.AnalystEmail, Devices);

        var all = await FirstColumnAsync(page);
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "Medium" }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("criticality=Medium", StringComparison.Ordinal));
        (await RowsAfterAsync(page, all)).Should().BeEquivalentTo("web-02", "web_03");

        await page.GotoAsync($"{Devices}?hasOpenFindings=true");
        await Assertions.Expect(page.GetByLabel("Open findings", new() { Exact = true })).ToHaveValueAsync("true");
        (await FirstColumnAsync(page)).Should().BeEquivalentTo("web-01", "db-01", "lab \"printer\", floor 2");
        await page.GotoAsync($"{Devices}?hasOpenFindings=false");
        var withoutOpen = await FirstColumnAsync(page);
        withoutOpen.Should().BeEquivalentTo("web-02", "web_03");

        await page.GetByLabel("Device group").FillAsync("the-a-team");
        await page.GetByLabel("Open findings", new() { Exact = true }).SelectOptionAsync("");
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("rbacGroup=the-a-team", StringComparison.Ordinal));
        (await RowsAfterAsync(page, withoutOpen)).Should().Equal("web-01");

        await page.GotoAsync($"{Devices}?criticality=Medium&criticality=Low");
        var riskiestFirst = await FirstColumnAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Risk ↓" }).ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith("sort=riskScore", StringComparison.Ordinal));
        page.Url.Should().Contain("criticality=Medium&criticality=Low");
        (await RowsAfterAsync(page, riskiestFirst)).Should().Equal("web_03", "lab \"printer\", floor 2", "web-02");
        await Assertions.Expect(page.GetByRole(AriaRole.Columnheader, new() { Name = "Risk ↑" })).ToHaveAttributeAsync("aria-sort", "ascending");
    }

    [Fact]
    public async Task Vulnerability_filters_and_sort_are_kept_in_the_url_and_list_only_the_tenants_cves()
    {
        var page = await ui.SignedInAsync(ui.TenantA.AnalystEmail, Vulnerabilities);
        var all = await CvesAsync(page);
        all.Should().Equal(["CVE-2026-0004", "CVE-2026-0002", "CVE-2026-0001", "CVE-2026-0005", "CVE-2026-0003"],
            "most affected devices first (3, 3, 2, 1, 0), ties by CVE id descending");

        await page.GetByLabel("EPSS ≥").FillAsync("0.4");
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("minEpss=0.4", StringComparison.Ordinal));
        (await RowsAfterAsync(page, all)).Should().Equal("CVE-2026-0002", "CVE-2026-0001");

        await page.GotoAsync($"{Vulnerabilities}?kev=true");
        (await CvesAsync(page)).Should().Equal("CVE-2026-0001");
        await Assertions.Expect(page.Locator("tbody tr").First).ToContainTextAsync("KEV, due 2026-10-22");
        await page.GotoAsync($"{Vulnerabilities}?text=no%20epss");
        (await CvesAsync(page)).Should().Equal("CVE-2026-0004");
        await page.GotoAsync($"{Vulnerabilities}?severity=Critical&severity=High");
        (await CvesAsync(page)).Should().BeEquivalentTo("CVE-2026-0001", "CVE-2026-0002");

        await page.GotoAsync(Vulnerabilities);
        await page.GetByRole(AriaRole.Link, new() { Name = "EPSS" }).ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith("sort=epss", StringComparison.Ordinal));
        var ascending = await RowsAfterAsync(page, all);
        ascending.Should().Equal("CVE-2026-0004", "CVE-2026-0003", "CVE-2026-0005", "CVE-2026-0002", "CVE-2026-0001");
        await page.GetByRole(AriaRole.Link, new() { Name = "EPSS ↑" }).ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith("sort=-epss", StringComparison.Ordinal));
        (await RowsAfterAsync(page, ascending)).Should().Equal("CVE-2026-0001", "CVE-2026-0002", "CVE-2026-0005", "CVE-2026-0003", "CVE-2026-0004");
    }

    [Fact]
    public async Task Software_links_to_the_devices_that_have_it_and_to_its_open_findings()
    {
        var page = await ui.SignedInAsync(ui.TenantA.AnalystEmail, $"/t/{ui.TenantA.Slug}/software");
        var products = await FirstColumnAsync(page);
        products.Should().Equal("edge", "nginx", "openssl");
        (await page.Locator("tbody tr").Nth(1).Locator("td").AllInnerTextsAsync()).Take(5).Should().Equal("nginx", "nginx", "2", "2", "2");

        await page.GetByLabel("Product", new() { Exact = true }).FillAsync("GIN");
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("name=GIN", StringComparison.Ordinal));
        (await RowsAfterAsync(page, products)).Should().Equal("nginx");

        await page.GetByRole(AriaRole.Link, new() { Name = "2 devices with nginx" }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == Devices);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Devices");
        (await FirstColumnAsync(page)).Should().BeEquivalentTo("web-01", "db-01");
        page.Url.Should().Contain("software=nginx").And.Contain("softwareVendor=nginx");

        await page.GoBackAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "2 open findings of nginx" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("product=nginx", StringComparison.Ordinal));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Findings");
        await Assertions.Expect(page.Locator("tbody tr")).ToHaveCountAsync(2);
        (await page.Locator("tbody tr td:first-child").AllInnerTextsAsync()).Should().OnlyContain(cve => cve == "CVE-2026-0002");
        await Assertions.Expect(page.GetByLabel("Product", new() { Exact = true })).ToHaveValueAsync("nginx");
        (await page.GetByRole(AriaRole.Link, new() { Name = "Export CSV" }).GetAttributeAsync("href")).Should().Contain("product=nginx");
    }

    [Theory]
    [InlineData("devices", "sort=name")]
    [InlineData("vulnerabilities", "sort=-cvss")]
    public async Task Next_and_previous_pages_walk_the_list_both_ways(string list, string sort)
    {
        var path = $"/t/{ui.TenantA.Slug}/{list}?{sort}&limit=2";
        var page = await ui.SignedInAsync(ui.TenantA.AnalystEmail, path);
        var all = new List<string>();
        var pages = new List<IReadOnlyList<string>>();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Previous page" })).ToHaveCountAsync(0);
        var rows = await FirstColumnAsync(page);
        while (true)
        {
            pages.Add(rows);
            all.AddRange(rows);
            var next = page.GetByRole(AriaRole.Link, new() { Name = "Next page" });
            if (await next.CountAsync() == 0)
            {
                break;
            }

            await next.ClickAsync();
            rows = await RowsAfterAsync(page, rows);
            page.Url.Should().Contain("cursor=").And.Contain(sort).And.Contain("limit=2");
        }

        pages.Select(p => p.Count).Should().Equal(2, 2, 1);
        all.Should().OnlyHaveUniqueItems().And.HaveCount(5);

        await page.GetByRole(AriaRole.Link, new() { Name = "Previous page" }).ClickAsync();
        rows = await RowsAfterAsync(page, rows);
        rows.Should().Equal(pages[1]);
        page.Url.Should().Contain("before=");
        await page.GetByRole(AriaRole.Link, new() { Name = "Previous page" }).ClickAsync();
        rows = await RowsAfterAsync(page, rows);
        rows.Should().Equal(pages[0]);
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Previous page" })).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Link, new() { Name = "Next page" }).ClickAsync();
        (await RowsAfterAsync(page, rows)).Should().Equal(pages[1]);
    }

    [Fact]
    public async Task Another_tenants_device_and_a_cve_found_only_in_another_tenant_are_the_not_found_page()
    {
        var page = await ui.SignedInAsync(ui.TenantA.AnalystEmail, Devices);

        foreach (var path in new[]
        {
            $"{Devices}/{ui.DeviceB}",
            $"/t/{ui.TenantB.Slug}/devices/{ui.DeviceB}",
            $"{Devices}/{Guid.NewGuid()}",
            $"{Vulnerabilities}/CVE-2026-0099",
            $"{Vulnerabilities}/CVE-2026-0098",
            $"{Vulnerabilities}/CVE-2099-0001",
            $"{Vulnerabilities}/not-a-cve",
            $"/t/{ui.TenantB.Slug}/vulnerabilities",
        })
        {
            var response = await page.GotoAsync(path);
            response!.Status.Should().Be(404, path);
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Not found");
        }

        await page.GotoAsync($"{Vulnerabilities}/CVE-2099-0001");
        var unknown = await page.Locator("main").InnerTextAsync();
        await page.GotoAsync($"{Vulnerabilities}/CVE-2026-0099");
        (await page.Locator("main").InnerTextAsync()).Should().Be(unknown, "a CVE of another tenant is indistinguishable from an unknown one");
    }

    [Theory]
    [InlineData("devices?sort=bogus&cursor=!!!&hasOpenFindings=maybe", "\"bogus\" is not a sort", "The cursor is not valid", "hasOpenFindings is true or false.")]
    [InlineData("devices?criticality=Urgent&before=!!!&limit=many", "\"Urgent\" is not one of", "The cursor is not valid", "limit is a whole number")]
    [InlineData("vulnerabilities?sort=bogus&before=!!!&minEpss=2", "\"bogus\" is not a sort", "The cursor is not valid", "minEpss is a probability between 0 and 1.")]
    [InlineData("vulnerabilities?kev=perhaps&severity=Severe&minEpss=x", "kev is true or false.", "\"Severe\" is not one of", "minEpss is a probability between 0 and 1.")]
    public async Task Bad_query_strings_show_the_validation_messages_with_status_400(string pathAndQuery, string first, string second, string third)
    {
        var page = await ui.SignedInAsync(ui.TenantA.AnalystEmail, Devices);

        var response = await page.GotoAsync($"/t/{ui.TenantA.Slug}/{pathAndQuery}");

        response!.Status.Should().Be(400);
        var alert = page.GetByRole(AriaRole.Alert);
        await Assertions.Expect(alert).ToContainTextAsync(first);
        await Assertions.Expect(alert).ToContainTextAsync(second);
        await Assertions.Expect(alert).ToContainTextAsync(third);
        await Assertions.Expect(page.Locator("table.list")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_cursor_of_another_sort_or_a_bad_detail_cursor_is_a_validation_message_not_a_500()
    {
        var page = await ui.SignedInAsync(ui.TenantA.AnalystEmail, $"{Devices}?sort=name&limit=2");
        var next = await page.GetByRole(AriaRole.Link, new() { Name = "Next page" }).GetAttributeAsync("href");
        var cursor = next!.Split("cursor=")[1].Split('&')[0];

        foreach (var path in new[]
        {
            $"{Devices}?sort=lastSeen&cursor={cursor}",
            $"{Devices}/{ui.A.Devices["dev1"]}?softwareCursor=!!!",
            $"{Vulnerabilities}/CVE-2026-0001?cursor=!!!",
        })
        {
            var response = await page.GotoAsync(path);
            response!.Status.Should().Be(400, path);
            await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("cursor", new() { IgnoreCase = true });
        }
    }

    [Theory]
    [InlineData(ColorScheme.Light, "light")]
    [InlineData(ColorScheme.Dark, "dark")]
    public async Task The_inventory_pages_pass_the_contrast_check_and_are_photographed(ColorScheme scheme, string name)
    {
        var page = await ui.SignedInAsync(ui.TenantA.AnalystEmail, Devices, scheme);
        var screens = new[]
        {
            ("devices", Devices),
            ("device-detail", $"{Devices}/{ui.A.Devices["dev1"]}"),
            ("vulnerabilities", Vulnerabilities),
            ("vulnerability-detail", $"{Vulnerabilities}/CVE-2026-0001"),
            ("software", $"/t/{ui.TenantA.Slug}/software"),
        };

        foreach (var (screen, path) in screens)
        {
            await page.GotoAsync(path);
            var result = await page.RunAxe(new AxeRunOptions { RunOnly = RunOnlyOptions.Rules("color-contrast") });
            result.Violations.Should().BeEmpty($"{screen} in {name}: {string.Join("; ", result.Violations.SelectMany(v => v.Nodes).Select(n => n.Html))}");
            await UiFixture.ScreenshotAsync(page, $"{screen}-{name}");
        }
    }

    [Fact]
    public async Task The_lists_are_reachable_from_the_main_navigation_and_by_keyboard()
    {
        var page = await ui.SignedInAsync(ui.TenantA.AuditorEmail, $"/t/{ui.TenantA.Slug}");

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Devices" }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == Devices);
        await Assertions.Expect(page.Locator("tbody tr")).ToHaveCountAsync(5);
        await page.Keyboard.PressAsync("j");
        await page.Locator("body").PressAsync("o");
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath.StartsWith($"{Devices}/", StringComparison.Ordinal));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("db-01");

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Vulnerabilities" }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == Vulnerabilities);
        await Assertions.Expect(page.GetByLabel("CVE or title")).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("/");
        await Assertions.Expect(page.GetByLabel("CVE or title")).ToBeFocusedAsync();
    }

    private static async Task<IReadOnlyList<string>> FirstColumnAsync(IPage page)
    {
        await page.Locator("table.list").WaitForAsync();
        return (await page.Locator("table.list tbody tr td:first-child a").AllInnerTextsAsync()).ToList();
    }

    /// <summary>
    /// The first column once it differs from <paramref name="before"/>: enhanced navigation changes the URL before it
    /// patches the page, so a list read right after the URL changed may still be the old one.
    /// </summary>
    private static async Task<IReadOnlyList<string>> RowsAfterAsync(IPage page, IReadOnlyList<string> before)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var rows = await FirstColumnAsync(page);
            if (!rows.SequenceEqual(before))
            {
                return rows;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"The list still shows {string.Join(", ", before)}.");
    }

    private static Task<IReadOnlyList<string>> CvesAsync(IPage page) => FirstColumnAsync(page);
}
