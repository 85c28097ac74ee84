using System.Globalization;
using PatchHound.Core.Common;
using PatchHound.Core.Tenancy;

namespace PatchHound.Core.Ingestion;

/// <summary>One pull of a source into the tenant's inventory; a status machine with retries and dead-lettering.</summary>
public sealed class IngestionRun : ITenantOwned
{
    public const int PhaseMaxLength = 64;

    /// <summary>Skipped records whose location a run keeps; further ones are only counted.</summary>
    public const int MaxSkippedRecordsKept = 100;

    private static readonly TransitionTable<IngestionRunStatus> Transitions = new(
        "ingestion_run.invalid_transition",
        "ingestion run",
        (IngestionRunStatus.Queued, IngestionRunStatus.Running),
        (IngestionRunStatus.Queued, IngestionRunStatus.Cancelled),
        (IngestionRunStatus.Running, IngestionRunStatus.Succeeded),
        (IngestionRunStatus.Running, IngestionRunStatus.Failed),
        (IngestionRunStatus.Running, IngestionRunStatus.DeadLettered),
        (IngestionRunStatus.Running, IngestionRunStatus.Cancelled),
        (IngestionRunStatus.Failed, IngestionRunStatus.Running),
        (IngestionRunStatus.Failed, IngestionRunStatus.DeadLettered),
        (IngestionRunStatus.DeadLettered, IngestionRunStatus.Running));

    private IngestionRun()
    {
    }

    private IngestionRun(
        Guid tenantId, Guid sourceId, IngestionTrigger trigger, DateTimeOffset queuedAt, DateTimeOffset? scheduledSlot)
    {
        Id = Ids.New();
        TenantId = Guard.TenantId(tenantId);
        SourceId = Guard.Id(sourceId, "ingestion_run.source_required", "SourceId");
        Trigger = trigger;
        Status = IngestionRunStatus.Queued;
        QueuedAt = queuedAt.Utc();
        ScheduledSlot = scheduledSlot.Utc();
    }

    public Guid Id { get; private set; }

    public Guid TenantId { get; private set; }

    public Guid SourceId { get; private set; }

    public IngestionTrigger Trigger { get; private set; }

    public IngestionRunStatus Status { get; private set; }

    public string? Phase { get; private set; }

    public DateTimeOffset QueuedAt { get; private set; }

    /// <summary>Start of the current (latest) attempt.</summary>
    public DateTimeOffset? StartedAt { get; private set; }

    public DateTimeOffset? FinishedAt { get; private set; }

    public int PagesDone { get; private set; }

    public int DevicesSeen { get; private set; }

    public int FindingsSeen { get; private set; }

    public int FindingsNew { get; private set; }

    public int FindingsReopened { get; private set; }

    public int FindingsResolved { get; private set; }

    /// <summary>Source text values cleaned of characters PostgreSQL cannot store (NUL, unpaired surrogates).</summary>
    public int TextValuesCleaned { get; private set; }

    /// <summary>Source records that could not be used (see <see cref="SkippedRecord"/>): counted, not ingested.</summary>
    public int RecordsSkipped { get; private set; }

    /// <summary>Where the first <see cref="MaxSkippedRecordsKept"/> skipped records were, and why.</summary>
    public IReadOnlyList<SkippedRecord> SkippedRecords { get; private set; } = [];

    /// <summary>Devices in the export that the machines listing of the run did not report (RBAC scoping, timing).</summary>
    public int DevicesNotListed { get; private set; }

    /// <summary>Export findings of devices PatchHound does not know from any listing: skipped.</summary>
    public int FindingsWithoutDevice { get; private set; }

    public int AttemptCount { get; private set; }

    public string? Error { get; private set; }

    /// <summary>Full export or delta, decided when the run starts reading (<see cref="PullPlan"/>).</summary>
    public IngestionPullMode PullMode { get; private set; }

    /// <summary>The delta's <c>sinceTime</c>; null for a full run.</summary>
    public DateTimeOffset? DeltaSince { get; private set; }

    /// <summary>Why the run reads the way it does when that is not what the source asks for (a delta that fell back).</summary>
    public string? PullNote { get; private set; }

    /// <summary>The cron slot a scheduled run is for; null for manual runs.</summary>
    public DateTimeOffset? ScheduledSlot { get; private set; }

    public bool IsActive => Status is IngestionRunStatus.Queued or IngestionRunStatus.Running;

    public static IngestionRun Scheduled(Guid tenantId, Guid sourceId, DateTimeOffset slot, DateTimeOffset queuedAt) =>
        new(tenantId, sourceId, IngestionTrigger.Scheduled, queuedAt, slot);

    public static IngestionRun Manual(Guid tenantId, Guid sourceId, DateTimeOffset queuedAt) =>
        new(tenantId, sourceId, IngestionTrigger.Manual, queuedAt, null);

    /// <summary>First attempt of a queued run.</summary>
    public void Start(DateTimeOffset at)
    {
        Guard.Rule(
            Status == IngestionRunStatus.Queued,
            "ingestion_run.invalid_transition",
            $"Only a queued ingestion run can start; this one is {Status}. Use Retry or Requeue.");
        BeginAttempt(at);
    }

    /// <summary>Another attempt after a failure.</summary>
    public void Retry(DateTimeOffset at)
    {
        Guard.Rule(
            Status == IngestionRunStatus.Failed,
            "ingestion_run.invalid_transition",
            $"Only a failed ingestion run can be retried; this one is {Status}.");
        BeginAttempt(at);
    }

    /// <summary>An operator sends a dead-lettered run back to work.</summary>
    public void Requeue(DateTimeOffset at)
    {
        Guard.Rule(
            Status == IngestionRunStatus.DeadLettered,
            "ingestion_run.invalid_transition",
            $"Only a dead-lettered ingestion run can be requeued; this one is {Status}.");
        BeginAttempt(at);
    }

    /// <summary>True while a failed run has attempts left under the tenant's retry budget.</summary>
    public bool CanRetry(int retryCount) => Status == IngestionRunStatus.Failed && AttemptCount <= retryCount;

    public void Plan(PullPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        EnsureRunning();
        PullMode = plan.Mode;
        DeltaSince = plan.Since?.Utc();
        PullNote = plan.Note is null ? null : Guard.Text(plan.Note, Limits.LongText, "ingestion_run.invalid_note", "PullNote");
    }

    public void EnterPhase(string phase)
    {
        EnsureRunning();
        Phase = Guard.Text(phase, PhaseMaxLength, "ingestion_run.invalid_phase", "Phase");
    }

    /// <summary>
    /// The run's next page waits for Defender's rate budget (ADR 0017): its phase says until when, in UTC, until the
    /// next batch enters its phase again.
    /// </summary>
    public void WaitForRateBudget(DateTimeOffset until) =>
        EnterPhase(string.Create(CultureInfo.InvariantCulture, $"waiting for Defender's rate budget until {until.Utc():HH:mm} UTC"));

    public void RecordProgress(IngestionProgress progress)
    {
        EnsureRunning();
        Guard.Rule(progress.IsNonNegative, "ingestion_run.invalid_progress", "Progress counts cannot be negative.");
        PagesDone += progress.PagesDone;
        DevicesSeen += progress.DevicesSeen;
        FindingsSeen += progress.FindingsSeen;
        FindingsNew += progress.FindingsNew;
        FindingsReopened += progress.FindingsReopened;
        FindingsResolved += progress.FindingsResolved;
        TextValuesCleaned += progress.TextValuesCleaned;
        DevicesNotListed += progress.DevicesNotListed;
        FindingsWithoutDevice += progress.FindingsWithoutDevice;
    }

    /// <summary>Counts records a batch skipped and keeps their locations, up to <see cref="MaxSkippedRecordsKept"/>.</summary>
    public void RecordSkipped(IReadOnlyCollection<SkippedRecord> skipped)
    {
        ArgumentNullException.ThrowIfNull(skipped);
        EnsureRunning();
        if (skipped.Count == 0)
        {
            return;
        }

        RecordsSkipped += skipped.Count;
        var room = MaxSkippedRecordsKept - SkippedRecords.Count;
        if (room > 0)
        {
            SkippedRecords = [.. SkippedRecords, .. skipped.Take(room)];
        }
    }

    public void Succeed(DateTimeOffset at)
    {
        Finish(IngestionRunStatus.Succeeded, at);
        Error = null;
    }

    public void Fail(string error, DateTimeOffset at)
    {
        Finish(IngestionRunStatus.Failed, at);
        Error = ValidError(error);
    }

    public void DeadLetter(string error, DateTimeOffset at)
    {
        Finish(IngestionRunStatus.DeadLettered, at);
        Error = ValidError(error);
    }

    public void Cancel(DateTimeOffset at) => Finish(IngestionRunStatus.Cancelled, at);

    /// <summary>
    /// Retention deleted the staged pages of this dead-lettered run: it stays dead-lettered, and its error now says
    /// first that a requeue cannot resume it.
    /// </summary>
    public void RecordStagingDiscarded(DateTimeOffset at)
    {
        Guard.Rule(
            Status == IngestionRunStatus.DeadLettered,
            "ingestion_run.not_dead_lettered",
            $"Only a dead-lettered ingestion run has its staged pages discarded; this one is {Status}.");
        var note = string.Create(
            CultureInfo.InvariantCulture,
            $"Staged pages discarded on {at.Utc():yyyy-MM-dd HH:mm} UTC, too long after the run was dead-lettered: a requeue cannot resume it; trigger a new run. Dead-lettered with: ");
        var error = note + Error;
        Error = error.Length <= Limits.LongText ? error : error[..Limits.LongText];
    }

    private void BeginAttempt(DateTimeOffset at)
    {
        Transitions.Ensure(Status, IngestionRunStatus.Running);
        Status = IngestionRunStatus.Running;
        AttemptCount++;
        StartedAt = at.Utc();
        FinishedAt = null;
        Error = null;
    }

    private void Finish(IngestionRunStatus status, DateTimeOffset at)
    {
        Transitions.Ensure(Status, status);
        Status = status;
        FinishedAt = at.Utc();
    }

    private void EnsureRunning() =>
        Guard.Rule(
            Status == IngestionRunStatus.Running,
            "ingestion_run.not_running",
            $"Progress can only be recorded on a running ingestion run; this one is {Status}.");

    private static string ValidError(string error) =>
        Guard.Text(error, Limits.LongText, "ingestion_run.invalid_error", "Error");
}
