using System.ComponentModel.DataAnnotations;

namespace PatchHound.Infrastructure.Leases;

/// <summary>Bound from <c>Jobs:Leases</c>.</summary>
public sealed class LeaseOptions
{
    public const string Section = "Jobs:Leases";

    /// <summary>
    /// How long a lease outlives its holder's last renewal: the longest a crashed worker can block a job.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:02", "01:00:00")]
    public TimeSpan Duration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Renewals per <see cref="Duration"/>; three leaves room for two failed renewals.</summary>
    [Range(2, 20)]
    public int RenewalsPerDuration { get; set; } = 3;
}
