using System.ComponentModel.DataAnnotations;

namespace PatchHound.Api.Remediation;

/// <param name="AssigneeUserId">A TenantAdmin or Analyst of this tenant.</param>
public sealed record AssignCaseRequest([Required] Guid? AssigneeUserId);
