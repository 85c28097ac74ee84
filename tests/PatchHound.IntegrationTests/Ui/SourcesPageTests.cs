using System.Net;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PatchHound.Core.Ingestion;
using PatchHound.Core.Sources;
using PatchHound.Infrastructure.Realtime;
using PatchHound.IntegrationTests.Harness;

namespace PatchHound.IntegrationTests.Ui;

/// <summary>
/// The sources list and a source's runs page in a real chromium. A run started from the page is advanced the way the
/// worker's <c>IngestionRunner</c> does it (the run's own state changes, committed, then published through
/// <see cref="IRealtimeEvents"/>) on <see cref="UiFixture.Replica"/>, so its progress reaches the page through Redis.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SourcesPageTests(UiFixture ui) : IClassFixture<UiFixture>
{
    private static readonly TimeSpan Delivery = TimeSpan.FromSeconds(15);

    private string SourcesPage => $"/t/{ui.TenantA.Slug}/sources";

    [Fact]
    public async Task A_run_started_from_the_page_shows_its_progress_and_ends_succeeded_without_a_reload()
    {
        var source = await SeedSourceAsync(ui.TenantA.Id, "Defender (live run)");
        var page = await ui.SignedInAsync(ui.TenantA.AdminEmail, SourcesPage);
        await page.GetByRole(AriaRole.Link, new() { Name = "Defender (live run)" }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == $"{SourcesPage}/{source}");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("data-live", "connected", new() { Timeout = (float)Delivery.TotalMilliseconds });

        await page.GetByRole(AriaRole.Button, new() { Name = "Run now" }).ClickAsync();
        var row = page.Locator("tbody tr[data-run-id]").First;
        await Assertions.Expect(row.Locator("[data-field=status]")).ToHaveTextAsync("Queued");
        var runId = Guid.Parse((await row.GetAttributeAsync("data-run-id"))!);
        (await row.Locator("progress").GetAttributeAsync("value")).Should().BeNull("a queued run's progress is indeterminate");
        await page.EvaluateAsync("() => { window.sameDocument = true; }");

        await AdvanceAsync(runId, run => run.Start(DateTimeOffset.UtcNow));
        await Assertions.Expect(row.Locator("[data-field=status]")).ToHaveTextAsync("Running", new() { Timeout = (float)Delivery.TotalMilliseconds });
        await AdvanceAsync(runId, run =>
        {
            run.EnterPhase("findings");
            run.RecordProgress(new IngestionProgress { PagesDone = 3, DevicesSeen = 40, FindingsSeen = 120, FindingsNew = 7 });
        });
        await Assertions.Expect(row.Locator("[data-field=findingsSeen]")).ToHaveTextAsync("120", new() { Timeout = (float)Delivery.TotalMilliseconds });
        await Assertions.Expect(row.Locator("[data-field=phase]")).ToHaveTextAsync("findings");
        await Assertions.Expect(row.GetByRole(AriaRole.Button, new() { Name = "Cancel" })).ToBeVisibleAsync();
        await UiFixture.ScreenshotAsync(page, "source-run-progress-light");
        await AdvanceAsync(runId, run => run.Succeed(DateTimeOffset.UtcNow));

        await Assertions.Expect(row.Locator("[data-field=status]")).ToHaveTextAsync("Succeeded", new() { Timeout = (float)Delivery.TotalMilliseconds });
        await Assertions.Expect(row.Locator("progress")).ToHaveAttributeAsync("value", "1");
        await Assertions.Expect(row.GetByRole(AriaRole.Button, new() { Name = "Cancel" })).ToBeHiddenAsync();
        (await page.EvaluateAsync<bool>("() => window.sameDocument === true")).Should().BeTrue("the page was updated in place, not reloaded");
        await page.GotoAsync(SourcesPage);
        await Assertions.Expect(page.Locator($"tr[data-source-run='{source}'] [data-field=status]")).ToHaveTextAsync("Succeeded");
    }

    [Fact]
    public async Task A_queued_run_is_cancelled_from_the_page_and_a_second_start_while_one_is_active_gets_the_APIs_conflict()
    {
        var source = await SeedSourceAsync(ui.TenantA.Id, "Defender (cancel)");
        var page = await ui.SignedInAsync(ui.TenantA.AdminEmail, $"{SourcesPage}/{source}");

        await page.GetByRole(AriaRole.Button, new() { Name = "Run now" }).ClickAsync();
        await Assertions.Expect(page.Locator("tbody tr[data-run-id]")).ToHaveCountAsync(1);
        await page.GetByRole(AriaRole.Button, new() { Name = "Run now" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("already has an active run");
        await Assertions.Expect(page.Locator("tbody tr[data-run-id]")).ToHaveCountAsync(1);

        await page.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();

        await Assertions.Expect(page.Locator("tbody tr [data-field=status]")).ToHaveTextAsync("Cancelled");
        await using var db = ui.Database.AppContext(TestDatabaseContexts.ForTenant(ui.TenantA.Id));
        (await db.IngestionRuns.SingleAsync(r => r.SourceId == source)).Status.Should().Be(IngestionRunStatus.Cancelled);
    }

    [Fact]
    public async Task An_analyst_sees_the_sources_but_no_run_controls_and_a_forced_start_is_refused()
    {
        var source = await SeedSourceAsync(ui.TenantA.Id, "Defender (analyst)");
        var page = await ui.SignedInAsync(ui.TenantA.AnalystEmail, SourcesPage);
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Defender (analyst)" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Row, new() { Name = "Defender (analyst)" })).ToContainTextAsync("Not set");

        await page.GotoAsync($"{SourcesPage}/{source}");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Defender (analyst)");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Run now" })).ToHaveCountAsync(0);

        // The antiforgery token is the user's, not the form's: one from a form the analyst may use is valid here.
        await page.GotoAsync($"/t/{ui.TenantA.Slug}/notifications");
        var token = await page.Locator("input[name=__RequestVerificationToken]").First.GetAttributeAsync("value");
        var forced = await page.APIRequest.PostAsync($"{SourcesPage}/{source}", new()
        {
            Form = page.APIRequest.CreateFormData().Set("__RequestVerificationToken", token!).Set("_handler", "trigger"),
        });
        forced.Ok.Should().BeFalse($"the page refuses the analyst's start (answered {forced.Status})");
        var rest = await page.APIRequest.PostAsync($"/api/tenants/{ui.TenantA.Slug}/sources/{source}/runs");
        rest.Status.Should().Be((int)HttpStatusCode.Forbidden, "the runs endpoint is the tenant admins'");
        await using var db = ui.Database.AppContext(TestDatabaseContexts.ForTenant(ui.TenantA.Id));
        (await db.IngestionRuns.CountAsync(r => r.SourceId == source)).Should().Be(0);
    }

    [Fact]
    public async Task Another_tenants_source_is_the_not_found_page_and_anonymous_visitors_are_sent_to_sign_in()
    {
        var foreign = await SeedSourceAsync(ui.TenantB.Id, "Tenant B's source");
        var anonymous = await ui.NewPageAsync();
        await anonymous.GotoAsync(SourcesPage);
        new Uri(anonymous.Url).PathAndQuery.Should().Be($"/sign-in?returnUrl={Uri.EscapeDataString(SourcesPage)}");

        var page = await ui.SignedInAsync(ui.TenantA.AdminEmail, SourcesPage);
        foreach (var path in new[] { $"{SourcesPage}/{foreign}", $"/t/{ui.TenantB.Slug}/sources/{foreign}", $"/t/{ui.TenantB.Slug}/sources" })
        {
            var response = await page.GotoAsync(path);
            response!.Status.Should().Be(404, path);
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Not found");
        }
    }

    [Theory]
    [InlineData(ColorScheme.Light, "light")]
    [InlineData(ColorScheme.Dark, "dark")]
    public async Task The_sources_pages_pass_the_contrast_check_and_are_photographed(ColorScheme scheme, string name)
    {
        var source = await SeedSourceAsync(ui.TenantA.Id, $"Defender ({name})", withFailedRun: true);
        var page = await ui.SignedInAsync(ui.TenantA.AdminEmail, SourcesPage, scheme);

        foreach (var (screen, path) in new[] { ("sources", SourcesPage), ("source-runs", $"{SourcesPage}/{source}") })
        {
            await page.GotoAsync(path);
            var result = await page.RunAxe(new AxeRunOptions { RunOnly = RunOnlyOptions.Rules("color-contrast") });
            result.Violations.Should().BeEmpty($"{screen} in {name}: {string.Join("; ", result.Violations.SelectMany(v => v.Nodes).Select(n => n.Html))}");
            await UiFixture.ScreenshotAsync(page, $"{screen}-{name}");
        }
    }

    private async Task<Guid> SeedSourceAsync(Guid tenant, string name, bool withFailedRun = false)
    {
        await using var db = ui.Database.AppContext(TestDatabaseContexts.ForTenant(tenant));
        var now = DateTimeOffset.UtcNow;
        var source = new SourceConfiguration(tenant, SourceKind.Simulator, name, "0 */6 * * *", "http://127.0.0.1:9", null, now);
        db.SourceConfigurations.Add(source);
        if (withFailedRun)
        {
            var run = IngestionRun.Manual(tenant, source.Id, now.AddHours(-1));
            run.Start(now.AddHours(-1));
            run.RecordProgress(new IngestionProgress { PagesDone = 2, DevicesSeen = 10, FindingsSeen = 30, TextValuesCleaned = 2 });
            run.Fail("Defender answered 503 three times", now.AddMinutes(-50));
            db.IngestionRuns.Add(run);
        }

        await db.SaveChangesAsync();
        return source.Id;
    }

    /// <summary>One step of a run as the worker takes it: change, commit, then publish (from the other API instance).</summary>
    private async Task AdvanceAsync(Guid runId, Action<IngestionRun> step)
    {
        IngestionRun run;
        await using (var db = ui.Database.AppContext(TestDatabaseContexts.ForTenant(ui.TenantA.Id)))
        {
            run = await db.IngestionRuns.SingleAsync(r => r.Id == runId);
            step(run);
            await db.SaveChangesAsync();
        }

        await ui.Replica.Services.GetRequiredService<IRealtimeEvents>().IngestionRunChangedAsync(run, CancellationToken.None);
    }
}
