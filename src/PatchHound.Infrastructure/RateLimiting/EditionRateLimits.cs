using System.ComponentModel.DataAnnotations;
using PatchHound.Core.Tenancy;

namespace PatchHound.Infrastructure.RateLimiting;

/// <summary>Bound from <c>RateLimiting:Editions</c>: requests per window for a caller in a tenant of each edition.</summary>
public sealed class EditionRateLimits
{
    [Range(1, 1_000_000)]
    public int Free { get; set; } = 60;

    [Range(1, 1_000_000)]
    public int Standard { get; set; } = 600;

    [Range(1, 1_000_000)]
    public int Enterprise { get; set; } = 3000;

    public int For(TenantEdition edition) => edition switch
    {
        TenantEdition.Free => Free,
        TenantEdition.Standard => Standard,
        TenantEdition.Enterprise => Enterprise,
        _ => throw new ArgumentOutOfRangeException(nameof(edition), edition, "Unknown tenant edition."),
    };
}
