using System.ComponentModel.DataAnnotations;

namespace PatchHound.Infrastructure.Realtime;

/// <summary>Bound from <c>Realtime</c>; the backplane itself is <c>ConnectionStrings:Redis</c>.</summary>
public sealed class RealtimeOptions
{
    public const string Section = "Realtime";

    /// <summary>
    /// Prefix of the backplane's Redis channels. Every API replica and worker of one deployment must use the same;
    /// deployments sharing a Redis use different ones.
    /// </summary>
    [Required]
    [StringLength(64, MinimumLength = 1)]
    public string ChannelPrefix { get; set; } = "patchhound";

    /// <summary>How long a publisher waits for the backplane before it drops the event (and logs it).</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:00:30")]
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(2);
}
