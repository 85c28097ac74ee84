using System.ComponentModel.DataAnnotations;
using PatchHound.Core.Sources;

namespace PatchHound.Infrastructure.Defender.RateBudget;

/// <summary>Bound from <c>Defender:RateBudget</c>: how the client paces itself below Defender's documented limits (ADR 0017).</summary>
public sealed class DefenderRateBudgetOptions
{
    /// <summary>Off only where a test or benchmark calls a simulator with its limits off; on in every deployment.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// A wait for the budget up to this long is spent inside the job; a longer one reschedules the batch for when the
    /// budget frees, so no worker thread sits idle for minutes.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")]
    public TimeSpan InlineWaitLimit { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// While Redis is unreachable (or not configured) each process takes this share of every limit on its own, so a
    /// few replicas together stay below Defender's limit.
    /// </summary>
    [Range(0.01, 1.0)]
    public double FallbackShare { get; set; } = 0.25;

    /// <summary>The longest a permit waits for Redis before this process decides on its own.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:00:05")]
    public TimeSpan RedisTimeout { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>After a failed Redis call, how long to decide locally before asking Redis again.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan RedisRetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Added to every window the client paces by: a call is counted here when its permit is taken and by Defender when
    /// it arrives, so a call that took long to arrive would otherwise still be in Defender's window when it has left ours.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan WindowMargin { get; set; } = TimeSpan.FromSeconds(2);

    [Required]
    [StringLength(100, MinimumLength = 1)]
    public string KeyPrefix { get; set; } = "patchhound:defender-budget:";

    /// <summary>
    /// Replaces the documented limits of a family (<see cref="DefenderApiLimits"/>), e.g.
    /// <c>Defender:RateBudget:Limits:Export:0:Calls=5</c>, <c>…:Per=00:00:10</c>: for tests with short windows.
    /// </summary>
    public Dictionary<DefenderApiFamily, CallLimit[]> Limits { get; set; } = [];

    /// <summary>The windows the client paces by: the family's limits, each window longer by <see cref="WindowMargin"/>.</summary>
    public IReadOnlyList<CallLimit> For(DefenderApiFamily family) =>
        DefenderApiLimits.Effective(family, Limits).Select(l => l with { Per = l.Per + WindowMargin }).ToList();

    public IEnumerable<ValidationResult> Problems()
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(this, new ValidationContext(this), results, validateAllProperties: true);
        foreach (var result in results)
        {
            yield return new ValidationResult(result.ErrorMessage, result.MemberNames.Select(m => $"RateBudget:{m}").ToList());
        }

        foreach (var (family, limits) in Limits)
        {
            if (limits.Any(l => !l.IsValid))
            {
                yield return new ValidationResult(
                    $"RateBudget:Limits:{family} entries need Calls ≥ 1 and Per between 0 and 1 day.", [$"RateBudget:Limits:{family}"]);
            }
        }
    }
}
