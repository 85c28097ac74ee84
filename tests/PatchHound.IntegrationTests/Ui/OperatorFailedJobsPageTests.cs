using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Hangfire;
using Hangfire.States;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PatchHound.IntegrationTests.Api;

namespace PatchHound.IntegrationTests.Ui;

/// <summary>The operators' failed jobs page in a real chromium: the Failed list and requeue, as the jobs API does them.</summary>
[Collection(BrowserCollection.Name)]
public sealed class OperatorFailedJobsPageTests(UiFixture ui) : IClassFixture<UiFixture>
{
    private const string FailedPath = "/operator/jobs/failed";

    [Fact]
    public async Task An_operator_sees_a_failed_job_and_requeues_it()
    {
        var id = FailJob("Deterministic failure for the operator page");
        var page = await ui.SignedInAsync(ApiFixture.OperatorEmail, FailedPath);
        var row = page.Locator($"table.failed-jobs tbody tr[data-job='{id}']");
        await Assertions.Expect(row).ToContainTextAsync("InvalidOperationException");
        await Assertions.Expect(row).ToContainTextAsync("Deterministic failure for the operator page");
        await Assertions.Expect(row).ToContainTextAsync(nameof(Target.NeverRuns));

        var response = page.WaitForResponseAsync(r => r.Request.Method == "POST" && r.Request.ResourceType == "document");
        await page.GetByRole(AriaRole.Button, new() { Name = $"Requeue job {id}", Exact = true }).ClickAsync();
        (await response).Status.Should().Be(200);
        await Assertions.Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync($"Job {id} requeued.");
        await Assertions.Expect(row).ToHaveCountAsync(0);
        StateOf(id).Should().Be(EnqueuedState.StateName);

        var token = await page.Locator("form[method=post] input[name=__RequestVerificationToken]").First.InputValueAsync();
        var again = await page.APIRequest.PostAsync(FailedPath, new() { Form = FormOf(page.APIRequest, token, id), MaxRedirects = 0 });
        again.Status.Should().Be(409, "as POST /api/admin/jobs/{id}/requeue answers for a job that is not failed");
        (await again.TextAsync()).Should().Contain($"Job {id} is Enqueued; only Failed or Deleted jobs can be requeued.");

        (await page.GotoAsync($"{FailedPath}?from=abc"))!.Status.Should().Be(400);
    }

    [Fact]
    public async Task A_tenant_admin_gets_403_and_a_forced_requeue_changes_nothing()
    {
        var id = FailJob("Stays failed");
        var admin = await ui.SignedInAsync(ui.TenantA.AdminEmail, $"/t/{ui.TenantA.Slug}/settings");
        var token = await admin.Locator("form[method=post] input[name=__RequestVerificationToken]").First.InputValueAsync();

        (await admin.GotoAsync(FailedPath))!.Status.Should().Be(403);
        (await admin.APIRequest.GetAsync("/api/admin/jobs/failed")).Status.Should().Be(403);
        var forced = await admin.APIRequest.PostAsync(FailedPath, new() { Form = FormOf(admin.APIRequest, token, id), MaxRedirects = 0 });
        forced.Status.Should().Be(403, "as POST /api/admin/jobs/{id}/requeue answers");
        StateOf(id).Should().Be(FailedState.StateName);
    }

    [Theory]
    [InlineData(ColorScheme.Light, "light")]
    [InlineData(ColorScheme.Dark, "dark")]
    public async Task The_failed_jobs_page_passes_the_contrast_check_and_is_photographed(ColorScheme scheme, string name)
    {
        FailJob("Shown for the contrast check");
        var page = await ui.SignedInAsync(ApiFixture.OperatorEmail, FailedPath, scheme);
        await Assertions.Expect(page.Locator("table.failed-jobs tbody tr").First).ToBeVisibleAsync();
        var result = await page.RunAxe(new AxeRunOptions { RunOnly = RunOnlyOptions.Rules("color-contrast") });
        result.Violations.Should().BeEmpty($"{name}: {string.Join("; ", result.Violations.SelectMany(v => v.Nodes).Select(n => n.Html))}");
        await UiFixture.ScreenshotAsync(page, $"operator-failed-jobs-{name}");
    }

    // Straight into Hangfire's Failed state through the replica (same storage): API hosts run no job server, so nothing runs or retries it.
    private string FailJob(string message) =>
        ui.Replica.Services.GetRequiredService<IBackgroundJobClient>()
            .Create(() => Target.NeverRuns(), new FailedState(new InvalidOperationException(message)));

    private string? StateOf(string id)
    {
        using var connection = ui.Replica.Services.GetRequiredService<JobStorage>().GetConnection();
        return connection.GetJobData(id)?.State;
    }

    /// <summary>The failed job's method; Hangfire needs a public one, and none of this assembly's hosts runs it.</summary>
    public static class Target
    {
        [AutomaticRetry(Attempts = 0)] // a Failed state on creation stays Failed instead of being scheduled for a retry
        public static void NeverRuns()
        {
        }
    }

    private static IFormData FormOf(IAPIRequestContext request, string token, string id)
    {
        var form = request.CreateFormData();
        form.Set("_handler", "requeue");
        form.Set("__RequestVerificationToken", token);
        form.Set("Job", id);
        return form;
    }
}
