namespace PatchHound.Reads.Cases;

/// <summary>Someone a case can be assigned to: a TenantAdmin or Analyst of the tenant, not disabled.</summary>
internal sealed record CaseWorkerDto(Guid UserId, string DisplayName, string Email);
