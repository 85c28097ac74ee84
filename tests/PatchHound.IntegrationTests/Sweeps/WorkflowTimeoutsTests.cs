using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PatchHound.Core.Notifications;
using PatchHound.Core.Remediation;
using PatchHound.Infrastructure.Persistence;
using PatchHound.Infrastructure.Realtime;
using PatchHound.Infrastructure.Sweeps;
using PatchHound.IntegrationTests.Harness;

namespace PatchHound.IntegrationTests.Sweeps;

public sealed class WorkflowTimeoutsTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private TestDatabase Database => fixture.Database;

    [Fact]
    public async Task Escalates_past_due_cases_with_an_audit_entry_and_a_notification_to_the_assignee()
    {
        var tenant = await SweepTenant.CreateAsync(Database, Now);
        var overdueTriage = NewCase(tenant, "Overdue triage", Now.AddHours(-1));
        overdueTriage.Assign(tenant.UserId, Now.AddDays(-1));
        var overdueRemediation = NewCase(tenant, "Overdue remediation", Now.AddDays(1));
        overdueRemediation.MoveTo(WorkflowStage.Remediation, Now.AddDays(-2), Now.AddMinutes(-1), "alice");
        var overdueVerification = NewCase(tenant, "Verification cannot escalate", Now.AddDays(1));
        overdueVerification.MoveTo(WorkflowStage.Remediation, Now.AddDays(-2), Now.AddDays(-1), "alice");
        overdueVerification.MoveTo(WorkflowStage.Verification, Now.AddDays(-2), Now.AddDays(-1), "alice");
        var notDue = NewCase(tenant, "Not due yet", Now.AddMinutes(1));
        await tenant.AddAsync(overdueTriage, overdueRemediation, overdueVerification, notDue);

        await using var db = tenant.Context();
        var result = await NewWorkflowTimeouts(db).RunAsync(CancellationToken.None);

        result.Should().Be(new WorkflowTimeoutsResult(Escalated: 2, Skipped: 0));
        var stages = await tenant.QueryAsync(q => q.RemediationCases.ToDictionaryAsync(c => c.Id, c => c.Stage));
        stages.Should().Equal(new Dictionary<Guid, WorkflowStage>
        {
            [overdueTriage.Id] = WorkflowStage.Escalated,
            [overdueRemediation.Id] = WorkflowStage.Escalated,
            [overdueVerification.Id] = WorkflowStage.Verification,
            [notDue.Id] = WorkflowStage.Triage,
        });

        var escalation = await tenant.QueryAsync(q => q.RemediationStageChanges.SingleAsync(s => s.CaseId == overdueTriage.Id));
        escalation.ToStage.Should().Be(WorkflowStage.Escalated);
        escalation.ChangedBy.Should().Be(RemediationCase.EscalationActor);

        var audit = await tenant.QueryAsync(q => q.AuditLogEntries.SingleAsync(a => a.EntityId == overdueTriage.Id.ToString()));
        audit.Actor.Should().Be(SweepActors.WorkflowTimeouts);
        audit.Action.Should().Be("remediation_case.escalated");
        JsonDocument.Parse(audit.Before!).RootElement.GetProperty("stage").GetString().Should().Be("Triage");
        JsonDocument.Parse(audit.After!).RootElement.GetProperty("stage").GetString().Should().Be("Escalated");

        var notifications = await tenant.QueryAsync(q => q.Notifications.ToListAsync());
        notifications.Should().HaveCount(2).And.OnlyContain(n => n.Kind == NotificationKind.CaseEscalated);
        notifications.Single(n => n.DedupeKey == NotificationKeys.CaseEscalated(overdueTriage.Id, escalation.Id))
            .RecipientUserId.Should().Be(tenant.UserId);
    }

    [Fact]
    public async Task Works_through_more_cases_than_one_batch_and_escalates_nothing_the_second_time()
    {
        var tenant = await SweepTenant.CreateAsync(Database, Now);
        await tenant.AddAsync([.. Enumerable.Range(0, 7).Select(i => NewCase(tenant, $"Case {i}", Now.AddMinutes(-1 - i)))]);

        await using (var first = tenant.Context())
        {
            (await NewWorkflowTimeouts(first, batchSize: 3).RunAsync(CancellationToken.None)).Escalated.Should().Be(7);
        }

        await using var second = tenant.Context();
        (await NewWorkflowTimeouts(second, batchSize: 3).RunAsync(CancellationToken.None))
            .Should().Be(new WorkflowTimeoutsResult(0, 0));
        (await tenant.QueryAsync(q => q.RemediationStageChanges.CountAsync())).Should().Be(7);
        (await tenant.QueryAsync(q => q.AuditLogEntries.CountAsync())).Should().Be(7);
        (await tenant.QueryAsync(q => q.Notifications.CountAsync())).Should().Be(7);
    }

    [Fact]
    public async Task Concurrent_workers_escalate_each_case_exactly_once()
    {
        var tenant = await SweepTenant.CreateAsync(Database, Now);
        await tenant.AddAsync([.. Enumerable.Range(0, 20).Select(i => NewCase(tenant, $"Case {i}", Now.AddMinutes(-1 - i)))]);
        var events = new RecordedRealtimeEvents();

        var results = await Workers.RunConcurrentlyAsync(
            4, tenant.Context, db => NewWorkflowTimeouts(db, batchSize: 5, events).RunAsync(CancellationToken.None));

        results.Sum(r => r.Escalated).Should().Be(20);
        (await tenant.QueryAsync(q => q.RemediationStageChanges.CountAsync())).Should().Be(20);
        (await tenant.QueryAsync(q => q.AuditLogEntries.CountAsync())).Should().Be(20);
        var written = await tenant.QueryAsync(q => q.Notifications.Select(n => n.Id).ToListAsync());
        written.Should().HaveCount(20);
        events.Notifications.Select(n => n.Id).Should().BeEquivalentTo(written, "only the worker that won a case pushes its notification");
        (await tenant.QueryAsync(q => q.RemediationCases.CountAsync(c => c.Stage == WorkflowStage.Escalated))).Should().Be(20);
    }

    [Fact]
    public async Task Another_tenants_past_due_cases_are_left_alone()
    {
        var tenantA = await SweepTenant.CreateAsync(Database, Now);
        var tenantB = await SweepTenant.CreateAsync(Database, Now);
        await tenantA.AddAsync(NewCase(tenantA, "A", Now.AddHours(-1)));
        var caseB = NewCase(tenantB, "B", Now.AddHours(-1));
        await tenantB.AddAsync(caseB);

        await using var db = tenantA.Context();
        (await NewWorkflowTimeouts(db).RunAsync(CancellationToken.None)).Escalated.Should().Be(1);

        (await tenantB.QueryAsync(q => q.RemediationCases.SingleAsync())).Stage.Should().Be(WorkflowStage.Triage);
        (await tenantB.QueryAsync(q => q.RemediationStageChanges.CountAsync())).Should().Be(0);
        (await tenantB.QueryAsync(q => q.AuditLogEntries.CountAsync())).Should().Be(0);
        (await tenantB.QueryAsync(q => q.Notifications.CountAsync())).Should().Be(0);
    }

    private static RemediationCase NewCase(SweepTenant tenant, string title, DateTimeOffset triageDue) =>
        new(tenant.TenantId, title, null, null, Now.AddDays(-3), triageDue);

    private static WorkflowTimeouts NewWorkflowTimeouts(PatchHoundDbContext db, int batchSize = 100, IRealtimeEvents? events = null) =>
        new(db, new FixedTimeProvider(Now), Options.Create(new SweepOptions { BatchSize = batchSize }), events ?? new RecordedRealtimeEvents(),
            NullLogger<WorkflowTimeouts>.Instance);
}
