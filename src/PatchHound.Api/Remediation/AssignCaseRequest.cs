using System.ComponentModel.DataAnnotations;

namespace PatchHound.Api.Remediation;

/// <param name="AssigneeUserId">A TenantAdmin or Analyst of this tenant.</param>
internal sealed record AssignCaseRequest([property: Required] Guid? AssigneeUserId);
