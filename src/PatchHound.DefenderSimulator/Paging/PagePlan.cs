using PatchHound.DefenderSimulator.Tenants;

namespace PatchHound.DefenderSimulator.Paging;

/// <summary>Which rows one response carries: [Offset, Offset + Count) of Total, and whether a next link follows.</summary>
public sealed record PagePlan(string Endpoint, TenantProfile Tenant, int Generation, long Offset, int PageSize, int Page, long Total, bool Unpaged)
{
    public long Count => Math.Clamp(Total - Offset, 0, PageSize);

    public bool HasMore => !Unpaged && Offset + PageSize < Total;

    public SkipToken NextToken => new(Endpoint, Tenant.Fingerprint, Generation, Offset + PageSize, Page + 1);

    public SkipToken FirstToken => new(Endpoint, Tenant.Fingerprint, Generation, 0, 1);

    /// <summary>
    /// The page a request asks for: the skip token's when there is one (it must be this endpoint's and tenant's),
    /// else from <paramref name="skip"/>; pages are numbered from 1 so faults can target "page 3".
    /// </summary>
    public static PagePlan? For(string endpoint, TenantProfile tenant, int currentGeneration, string? skipToken, long skip, int pageSize, long total, bool unpaged)
    {
        if (string.IsNullOrEmpty(skipToken))
        {
            return new PagePlan(endpoint, tenant, currentGeneration, skip, pageSize, (int)(skip / pageSize) + 1, total, unpaged);
        }

        var token = SkipToken.TryDecode(skipToken);
        return token is not null && token.Endpoint == endpoint && token.Tenant == tenant.Fingerprint
            ? new PagePlan(endpoint, tenant, token.Generation, token.Offset, pageSize, token.Page, total, unpaged)
            : null;
    }
}
