using System.Net;
using System.Text.RegularExpressions;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PatchHound.Infrastructure.Sweeps;
using PatchHound.Infrastructure.Tenancy;
using PatchHound.IntegrationTests.Api.Realtime;
using PatchHound.IntegrationTests.Harness;

namespace PatchHound.IntegrationTests.Ui;

/// <summary>
/// The layout's live connection (lib/signalr + live.js) and the notifications page, in a real chromium. Events are
/// raised on <see cref="UiFixture.Replica"/>, a second API host, and reach the browser's connection to the first one
/// through the Redis backplane.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class LiveUpdatesPageTests(UiFixture ui) : IClassFixture<UiFixture>
{
    private static readonly TimeSpan Delivery = TimeSpan.FromSeconds(15);

    private string NotificationsPage => $"/t/{ui.TenantA.Slug}/notifications";

    [Fact]
    public async Task The_framework_script_the_signalr_client_and_live_js_are_served_as_javascript()
    {
        var lockfile = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot.Path, "src", "PatchHound.Web", "package-lock.json"));
        var pinned = SignalRVersion().Match(lockfile).Groups[1].Value;
        pinned.Should().NotBeEmpty("package-lock.json pins @microsoft/signalr");
        var page = await ui.SignedInAsync(ui.TenantA.AnalystEmail, NotificationsPage);

        foreach (var path in new[] { "/_framework/blazor.web.js", "/_content/PatchHound.Web/lib/signalr/signalr.min.js", "/_content/PatchHound.Web/live.js" })
        {
            var response = await page.APIRequest.GetAsync(path);
            response.Status.Should().Be((int)HttpStatusCode.OK, path);
            response.Headers["content-type"].Should().StartWith("text/javascript", path);
            if (path.Contains("signalr", StringComparison.Ordinal))
            {
                (await response.TextAsync()).Should().Contain("HubConnectionBuilder").And.Contain(pinned, "the served copy is the version the lockfile pins");
            }
        }
    }

    [Fact]
    public async Task The_bell_counts_notifications_the_SLA_sweep_raises_on_another_replica_and_a_toast_announces_them()
    {
        var page = await ui.SignedInAsync(ui.TenantA.AnalystEmail, $"/t/{ui.TenantA.Slug}/findings");
        await ConnectedAsync(page);
        var bell = page.Locator("[data-bell]");
        var before = await UnreadInTenantAAsync();
        await Assertions.Expect(bell).ToHaveAttributeAsync("data-unread", before.ToString(System.Globalization.CultureInfo.InvariantCulture));

        await RunSlaSweepOnTheReplicaAsync();

        var unread = await UnreadInTenantAAsync();
        unread.Should().BeGreaterThan(before, "the read data set has breached and due-soon findings at the fixture's now");
        await Assertions.Expect(bell).ToHaveAttributeAsync("data-unread", unread.ToString(System.Globalization.CultureInfo.InvariantCulture), new() { Timeout = (float)Delivery.TotalMilliseconds });
        await Assertions.Expect(bell).ToHaveAccessibleNameAsync($"Notifications, {unread} unread");
        var toasts = page.GetByRole(AriaRole.Status);
        await Assertions.Expect(toasts).ToHaveAttributeAsync("aria-live", "polite");
        await Assertions.Expect(toasts.GetByRole(AriaRole.Link, new() { NameRegex = SlaToast() }).First).ToBeVisibleAsync();

        await bell.ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == NotificationsPage);
        await Assertions.Expect(page.Locator("tbody tr.unread")).ToHaveCountAsync(unread);
        await UiFixture.ScreenshotAsync(page, "notifications-light");

        await page.Locator("tbody tr").First.GetByRole(AriaRole.Button, new() { Name = "Mark read" }).ClickAsync();
        await Assertions.Expect(page.Locator("tbody tr.unread")).ToHaveCountAsync(unread - 1);
        await Assertions.Expect(bell).ToHaveAttributeAsync("data-unread", (unread - 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        (await UnreadInTenantAAsync()).Should().Be(unread - 1, "the page wrote through the REST endpoint's command");

        await page.GetByRole(AriaRole.Button, new() { Name = "Mark all read" }).ClickAsync();
        await Assertions.Expect(page.Locator("tbody tr.unread")).ToHaveCountAsync(0);
        await Assertions.Expect(bell).ToHaveAttributeAsync("data-unread", "0");
        (await UnreadInTenantAAsync()).Should().Be(0);
        await page.GetByRole(AriaRole.Link, new() { Name = "Unread", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByText("No notifications.")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task An_auditor_reads_notifications_without_mark_read_buttons()
    {
        await SeedTenantWideNotificationAsync();
        var page = await ui.SignedInAsync(ui.TenantA.AuditorEmail, NotificationsPage);

        await Assertions.Expect(page.Locator("tbody tr").First).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Mark read" })).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Mark all read" })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Anonymous_visitors_are_sent_to_sign_in_and_another_tenants_notifications_are_not_found()
    {
        var anonymous = await ui.NewPageAsync();
        await anonymous.GotoAsync(NotificationsPage);
        new Uri(anonymous.Url).PathAndQuery.Should().Be($"/sign-in?returnUrl={Uri.EscapeDataString(NotificationsPage)}");

        var page = await ui.SignedInAsync(ui.TenantA.AnalystEmail, NotificationsPage);
        var response = await page.GotoAsync($"/t/{ui.TenantB.Slug}/notifications");
        response!.Status.Should().Be(404);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Not found");
    }

    [Fact]
    public async Task A_malformed_cursor_shows_the_APIs_message()
    {
        var page = await ui.SignedInAsync(ui.TenantA.AnalystEmail, NotificationsPage);

        var response = await page.GotoAsync($"{NotificationsPage}?cursor=!!!");

        response!.Status.Should().Be(400);
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("The cursor is not valid");
    }

    [Theory]
    [InlineData(ColorScheme.Light, "light")]
    [InlineData(ColorScheme.Dark, "dark")]
    public async Task The_notifications_page_and_a_toast_pass_the_contrast_check(ColorScheme scheme, string name)
    {
        await SeedTenantWideNotificationAsync();
        var page = await ui.SignedInAsync(ui.TenantA.AnalystEmail, NotificationsPage, scheme);
        await ConnectedAsync(page);

        await page.EvaluateAsync("() => { const t = document.createElement('div'); t.className = 'toast'; t.innerHTML = '<a href=\"#\">SLA breached: sample</a>'; document.getElementById('toasts').append(t); }");

        var result = await page.RunAxe(new AxeRunOptions { RunOnly = RunOnlyOptions.Rules("color-contrast") });
        result.Violations.Should().BeEmpty($"notifications in {name}: {string.Join("; ", result.Violations.SelectMany(v => v.Nodes).Select(n => n.Html))}");
        await UiFixture.ScreenshotAsync(page, $"notifications-toast-{name}");
    }

    private static Task ConnectedAsync(IPage page) =>
        Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("data-live", "connected", new() { Timeout = (float)Delivery.TotalMilliseconds });

    private async Task RunSlaSweepOnTheReplicaAsync()
    {
        await using var scope = ui.Replica.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<TenantScope>().EnterAsync(ui.TenantA.Id.ToString(), CancellationToken.None);
        (await scope.ServiceProvider.GetRequiredService<SlaCheck>().RunAsync(CancellationToken.None)).Total.Should().BePositive();
    }

    private async Task<int> UnreadInTenantAAsync()
    {
        var analystId = await ui.Database.UserIdAsync(ui.TenantA.AnalystEmail);
        await using var db = ui.Database.AppContext(TestDatabaseContexts.ForTenant(ui.TenantA.Id));
        return await db.Notifications.CountAsync(n => (n.RecipientUserId == analystId || n.RecipientUserId == null) && n.ReadAt == null);
    }

    private async Task SeedTenantWideNotificationAsync()
    {
        await using var db = ui.Database.AppContext(TestDatabaseContexts.ForTenant(ui.TenantA.Id));
        db.Notifications.Add(new PatchHound.Core.Notifications.Notification(
            ui.TenantA.Id, null, PatchHound.Core.Notifications.NotificationKind.IngestionCompleted, $"ui-test:{Guid.NewGuid()}",
            """{"title":"Defender export"}""", UiFixture.Now));
        await db.SaveChangesAsync();
    }

    [GeneratedRegex("\"node_modules/@microsoft/signalr\":\\s*\\{\\s*\"version\":\\s*\"([^\"]+)\"")]
    private static partial Regex SignalRVersion();

    [GeneratedRegex("^SLA (breached|due soon)")]
    private static partial Regex SlaToast();
}
