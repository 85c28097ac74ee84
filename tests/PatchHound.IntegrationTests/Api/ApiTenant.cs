namespace PatchHound.IntegrationTests.Api;

/// <summary>A tenant seeded for API tests, with the email of one user per tenant role.</summary>
public sealed record ApiTenant(Guid Id, string Slug, string AdminEmail, string AnalystEmail, string AuditorEmail);
