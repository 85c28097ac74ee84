using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PatchHound.Core.Remediation;
using PatchHound.Infrastructure.Realtime;

namespace PatchHound.IntegrationTests.Api.Work;

/// <summary>The API pushes case assignments and new notifications through IRealtimeEvents, after they are committed.</summary>
public sealed class RealtimeEventsTests(WorkApiFixture fixture) : IClassFixture<WorkApiFixture>
{
    private WorkTenant A => fixture.A;

    [Fact]
    public async Task Assigning_a_case_pushes_the_assignment_and_the_committed_notification()
    {
        var recorder = new RecordingRealtimeEvents(id => fixture.QueryAsync(A, db => db.Notifications.AnyAsync(n => n.Id == id)).GetAwaiter().GetResult());
        await using var api = fixture.Api.WithWebHostBuilder(host => host.ConfigureTestServices(services =>
            services.AddSingleton<IRealtimeEvents>(recorder)));
        var admin = await SignInAsync(api.CreateClient(), A.Api.AdminEmail);
        var remediationCase = new RemediationCase(A.Id, "Pushed", null, null, DateTimeOffset.UtcNow, null);
        await fixture.AddAsync(A, remediationCase);

        var assigned = await admin.PutAsJsonAsync(A.Url($"/cases/{remediationCase.Id}/assignee"), new { assigneeUserId = A.AnalystId });

        await assigned.ShouldBeAsync(HttpStatusCode.OK);
        var notification = await fixture.QueryAsync(A, db => db.Notifications.SingleAsync(n => n.DedupeKey.StartsWith($"case:{remediationCase.Id}:")));
        recorder.Events.Should().Equal(
            $"case {remediationCase.Id} of {A.Id} assigned to {A.AnalystId}",
            $"notification {notification.Id} CaseAssigned to {A.AnalystId} committed=True");
    }

    [Fact]
    public async Task Deciding_an_approval_pushes_the_requesters_notification()
    {
        var recorder = new RecordingRealtimeEvents(id => fixture.QueryAsync(A, db => db.Notifications.AnyAsync(n => n.Id == id)).GetAwaiter().GetResult());
        await using var api = fixture.Api.WithWebHostBuilder(host => host.ConfigureTestServices(services =>
            services.AddSingleton<IRealtimeEvents>(recorder)));
        var analyst = await SignInAsync(api.CreateClient(), A.Api.AnalystEmail);
        var admin = await SignInAsync(api.CreateClient(), A.Api.AdminEmail);
        var created = await analyst.PostAsJsonAsync(A.Url("/approvals"), new { kind = "Exception", findingId = A.FindingIds[0], justification = "Push" });
        var id = (await created.JsonAsync()).GetProperty("id").GetGuid();

        await (await admin.PostAsJsonAsync(A.Url($"/approvals/{id}/deny"), new { })).ShouldBeAsync(HttpStatusCode.OK);

        var notification = await fixture.QueryAsync(A, db => db.Notifications.SingleAsync(n => n.DedupeKey == $"approval:{id}:decided"));
        recorder.Events.Should().Equal($"notification {notification.Id} ApprovalDecided to {A.AnalystId} committed=True");
    }

    private static async Task<HttpClient> SignInAsync(HttpClient client, string email)
    {
        var signIn = await client.PostAsJsonAsync("/auth/dev/sign-in", new { email });
        signIn.StatusCode.Should().Be(HttpStatusCode.NoContent);
        return client;
    }
}
