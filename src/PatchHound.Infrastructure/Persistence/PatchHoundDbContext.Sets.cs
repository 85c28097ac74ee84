using Microsoft.EntityFrameworkCore;
using PatchHound.Core.Ai;
using PatchHound.Core.Approvals;
using PatchHound.Core.Audit;
using PatchHound.Core.Findings;
using PatchHound.Core.Identity;
using PatchHound.Core.Ingestion;
using PatchHound.Core.Inventory;
using PatchHound.Core.Notifications;
using PatchHound.Core.Remediation;
using PatchHound.Core.Scanning;
using PatchHound.Core.Secrets;
using PatchHound.Core.Sla;
using PatchHound.Core.Sources;
using PatchHound.Core.Tenancy;
using PatchHound.Core.Vulnerabilities;

namespace PatchHound.Infrastructure.Persistence;

// The set names are the table names (snake_cased).
public sealed partial class PatchHoundDbContext
{
    // Global
    public DbSet<Tenant> Tenants => Set<Tenant>();

    public DbSet<User> Users => Set<User>();

    public DbSet<Vulnerability> Vulnerabilities => Set<Vulnerability>();

    public DbSet<PlatformAccessEntry> PlatformAccessEntries => Set<PlatformAccessEntry>();

    public DbSet<Leases.JobLease> JobLeases => Set<Leases.JobLease>();

    // Ingestion staging (tenant-owned, written by batch jobs, emptied by the merge)
    public DbSet<Ingestion.Staging.StagedDevice> StagedDevices => Set<Ingestion.Staging.StagedDevice>();

    public DbSet<Ingestion.Staging.StagedFinding> StagedFindings => Set<Ingestion.Staging.StagedFinding>();

    public DbSet<Ingestion.Staging.StagedSoftware> StagedSoftware => Set<Ingestion.Staging.StagedSoftware>();

    // Tenant-owned
    public DbSet<InstalledSoftware> InstalledSoftware => Set<InstalledSoftware>();

    public DbSet<TenantMembership> TenantMemberships => Set<TenantMembership>();

    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();

    public DbSet<SourceConfiguration> SourceConfigurations => Set<SourceConfiguration>();

    public DbSet<IngestionRun> IngestionRuns => Set<IngestionRun>();

    public DbSet<IngestionCheckpoint> IngestionCheckpoints => Set<IngestionCheckpoint>();

    public DbSet<Device> Devices => Set<Device>();

    public DbSet<Finding> Findings => Set<Finding>();

    public DbSet<SlaPolicy> SlaPolicies => Set<SlaPolicy>();

    public DbSet<RemediationCase> RemediationCases => Set<RemediationCase>();

    public DbSet<RemediationStageChange> RemediationStageChanges => Set<RemediationStageChange>();

    public DbSet<CaseComment> CaseComments => Set<CaseComment>();

    public DbSet<ApprovalRequest> ApprovalRequests => Set<ApprovalRequest>();

    public DbSet<RiskAcceptance> RiskAcceptances => Set<RiskAcceptance>();

    public DbSet<Notification> Notifications => Set<Notification>();

    public DbSet<AiRemediationRequest> AiRemediationRequests => Set<AiRemediationRequest>();

    public DbSet<ScanProfile> ScanProfiles => Set<ScanProfile>();

    public DbSet<ScanRequest> ScanRequests => Set<ScanRequest>();

    public DbSet<AuditLogEntry> AuditLogEntries => Set<AuditLogEntry>();

    public DbSet<EncryptedSecret> EncryptedSecrets => Set<EncryptedSecret>();
}
