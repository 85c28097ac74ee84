using PatchHound.Core.Remediation;

namespace PatchHound.Api.Remediation;

/// <summary>What the audit log keeps of a case before and after a change (enums by name, like the sweeps' entries).</summary>
internal static class CaseSnapshot
{
    public static object Of(RemediationCase c) => new
    {
        c.Title,
        c.VulnerabilityId,
        c.FindingGroupKey,
        Stage = c.Stage.ToString(),
        Status = c.Status.ToString(),
        c.StageDueAt,
        c.AssigneeUserId,
    };
}
