using PatchHound.Core.Common;
using PatchHound.Core.Tenancy;

namespace PatchHound.Core.Sources;

/// <summary>A vulnerability feed a tenant ingests from, and when.</summary>
public sealed class SourceConfiguration : ITenantOwned
{
    // Records per source page, i.e. per ingestion job. Every job pays a fixed cost (lease, checkpoint, staging set-up,
    // token, Hangfire state changes), so 1,000-record pages made a 50,000-finding run 3.9 times the raw load floor
    // and 10,000-record pages 1.9 times (docs/benchmarks.md); a 10,000-record page is about 10 MB of JSON.
    public const int DefaultPageSize = 10_000;
    public const int MaxPageSize = 10_000;

    /// <summary>The longest full-run interval a delta source may ask for (ADR 0016).</summary>
    public const int MaxFullRunIntervalDays = 90;

    private SourceConfiguration()
    {
        Name = string.Empty;
        CronSchedule = string.Empty;
        BaseUrl = string.Empty;
    }

    public SourceConfiguration(
        Guid tenantId,
        SourceKind kind,
        string name,
        string cronSchedule,
        string baseUrl,
        string? credentialReference,
        DateTimeOffset createdAt,
        int pageSize = DefaultPageSize)
    {
        Id = Ids.New();
        TenantId = Guard.TenantId(tenantId);
        Kind = kind;
        Name = ValidName(name);
        CronSchedule = CronFormat.Ensure(cronSchedule, "source.invalid_cron");
        BaseUrl = ValidBaseUrl(baseUrl);
        PageSize = ValidPageSize(pageSize);
        CredentialReference = ValidCredentialReference(credentialReference);
        Enabled = true;
        CreatedAt = createdAt.Utc();
        UpdatedAt = CreatedAt;
    }

    public Guid Id { get; private set; }

    public Guid TenantId { get; private set; }

    public SourceKind Kind { get; private set; }

    public string Name { get; private set; }

    /// <summary>Five-field cron expression, evaluated in UTC.</summary>
    public string CronSchedule { get; private set; }

    public bool Enabled { get; private set; }

    public string BaseUrl { get; private set; }

    public int PageSize { get; private set; }

    /// <summary>
    /// Null: every run is a full export. N: runs between full exports read only the changes since the last successful
    /// run (Defender's delta export); a run is a full export when the last full one is N days old or more (ADR 0016).
    /// </summary>
    public int? FullRunIntervalDays { get; private set; }

    /// <summary>How full exports are read: the paged JSON export (the default) or via files.</summary>
    public SourcePullMode PullMode { get; private set; }

    /// <summary>A reference to a secret (never the secret itself); null when the source needs none.</summary>
    public string? CredentialReference { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>
    /// When the dispatcher next has a slot to run, as it computed last; null: unknown, so the next sweep looks.
    /// Only the dispatcher sets it; a change of schedule or an enable clears it. It lets the sweep find due sources
    /// across tenants with one index scan instead of evaluating every source's cron.
    /// </summary>
    public DateTimeOffset? NextSlotAt { get; private set; }

    public void Rename(string name, DateTimeOffset at)
    {
        Name = ValidName(name);
        Touch(at);
    }

    public void Reschedule(string cronSchedule, DateTimeOffset at)
    {
        CronSchedule = CronFormat.Ensure(cronSchedule, "source.invalid_cron");
        NextSlotAt = null;
        Touch(at);
    }

    public void Reconnect(string baseUrl, int pageSize, string? credentialReference, DateTimeOffset at)
    {
        BaseUrl = ValidBaseUrl(baseUrl);
        PageSize = ValidPageSize(pageSize);
        CredentialReference = ValidCredentialReference(credentialReference);
        Touch(at);
    }

    /// <summary>Null: full exports only; otherwise deltas between full exports every <paramref name="fullRunIntervalDays"/> days.</summary>
    public void ChoosePullMode(int? fullRunIntervalDays, DateTimeOffset at)
    {
        Guard.Rule(
            fullRunIntervalDays is null or (>= 1 and <= MaxFullRunIntervalDays),
            "source.invalid_full_run_interval",
            $"FullRunIntervalDays must be empty (full exports only) or between 1 and {MaxFullRunIntervalDays}.");
        FullRunIntervalDays = fullRunIntervalDays;
        Touch(at);
    }

    /// <summary><inheritdoc cref="ChoosePullMode(int?, DateTimeOffset)"/> Full exports are read as <paramref name="mode"/> says.</summary>
    public void ChoosePullMode(SourcePullMode mode, int? fullRunIntervalDays, DateTimeOffset at)
    {
        Guard.Rule(Enum.IsDefined(mode), "source.invalid_pull_mode", "PullMode must be full or files.");
        ChoosePullMode(fullRunIntervalDays, at);
        PullMode = mode;
    }

    public void Enable(DateTimeOffset at)
    {
        Enabled = true;
        NextSlotAt = null;
        Touch(at);
    }

    public void Disable(DateTimeOffset at)
    {
        Enabled = false;
        Touch(at);
    }

    private void Touch(DateTimeOffset at) => UpdatedAt = at.Utc();

    private static string ValidName(string name) => Guard.Text(name, Limits.Name, "source.invalid_name", "Name");

    private static string ValidBaseUrl(string baseUrl)
    {
        Guard.Rule(
            baseUrl is { Length: <= Limits.Url }
            && Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp),
            "source.invalid_base_url",
            "BaseUrl must be an absolute http or https URL.");
        return baseUrl;
    }

    private static int ValidPageSize(int pageSize)
    {
        Guard.Rule(
            pageSize is >= 1 and <= MaxPageSize,
            "source.invalid_page_size",
            $"PageSize must be between 1 and {MaxPageSize}.");
        return pageSize;
    }

    private static string? ValidCredentialReference(string? reference)
    {
        if (reference is null)
        {
            return null;
        }

        Guard.Rule(
            SecretReference.IsValid(reference),
            "source.invalid_credential_reference",
            "CredentialReference must be a secret reference such as store://name, kv://vault/secret-name or local://name, never a secret value.");
        return reference;
    }
}
