using System.ComponentModel.DataAnnotations;

namespace PatchHound.Infrastructure.RateLimiting;

/// <summary>Bound from <c>RateLimiting</c>. Limits are requests per <see cref="Window"/>.</summary>
public sealed class PatchHoundRateLimitOptions : IValidatableObject
{
    public const string Section = "RateLimiting";

    /// <summary>Off only for test suites that would otherwise trip the limits; on in every deployment.</summary>
    public bool Enabled { get; set; } = true;

    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Per caller (user or API key) in a tenant they belong to, by the tenant's edition.</summary>
    public EditionRateLimits Editions { get; set; } = new();

    /// <summary>Per caller outside a tenant route, e.g. <c>/api/admin</c> or the root document.</summary>
    [Range(1, 1_000_000)]
    public int Default { get; set; } = 600;

    /// <summary>Per client IP for requests without a signed-in caller (sign-in, rejected credentials).</summary>
    [Range(1, 1_000_000)]
    public int Anonymous { get; set; } = 60;

    /// <summary>The longest a request waits for Redis before this replica decides on its own.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:00:05")]
    public TimeSpan RedisTimeout { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>After a failed Redis call, how long this replica decides on its own before asking Redis again.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan RedisRetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Granularity of the per-replica fallback window (System.Threading.RateLimiting.SlidingWindowRateLimiter).</summary>
    [Range(1, 600)]
    public int FallbackSegmentsPerWindow { get; set; } = 6;

    /// <summary>Prefix of the Redis keys (one sorted set per partition).</summary>
    [Required]
    [StringLength(100, MinimumLength = 1)]
    public string KeyPrefix { get; set; } = "patchhound:ratelimit:";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(Editions, new ValidationContext(Editions), results, validateAllProperties: true);
        return results.Select(r => new ValidationResult(r.ErrorMessage, r.MemberNames.Select(m => $"{nameof(Editions)}:{m}").ToList()));
    }
}
