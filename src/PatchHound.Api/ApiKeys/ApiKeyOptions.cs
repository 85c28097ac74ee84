using System.ComponentModel.DataAnnotations;

namespace PatchHound.Api.ApiKeys;

/// <summary>Bound from <c>Authentication:ApiKeys</c>.</summary>
internal sealed class ApiKeyOptions : IValidatableObject
{
    public const string Section = "Authentication:ApiKeys";

    /// <summary>The longest lifetime a tenant admin may give a key.</summary>
    [Range(1, 3650)]
    public int MaxLifetimeDays { get; set; } = 90;

    /// <summary>The lifetime of a key created without <c>expiresInDays</c>.</summary>
    [Range(1, 3650)]
    public int DefaultLifetimeDays { get; set; } = 90;

    /// <summary>
    /// <c>lastUsedAt</c> is written at most this often per key, so automation calling in a loop does not turn every
    /// read into a write.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan LastUsedWriteInterval { get; set; } = TimeSpan.FromMinutes(1);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (DefaultLifetimeDays > MaxLifetimeDays)
        {
            yield return new ValidationResult(
                "Authentication:ApiKeys:DefaultLifetimeDays must not exceed MaxLifetimeDays.", [nameof(DefaultLifetimeDays)]);
        }
    }
}
