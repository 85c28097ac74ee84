namespace PatchHound.IntegrationTests.Api.Work;

/// <summary>A seeded API tenant with its users' ids and an inventory: two devices, open findings on both.</summary>
public sealed record WorkTenant(
    ApiTenant Api,
    Guid AdminId,
    Guid AnalystId,
    Guid AuditorId,
    IReadOnlyList<Guid> DeviceIds,
    IReadOnlyList<Guid> FindingIds)
{
    public Guid Id => Api.Id;

    public string Slug => Api.Slug;

    public string Url(string path) => $"/api/tenants/{Api.Slug}{path}";
}
