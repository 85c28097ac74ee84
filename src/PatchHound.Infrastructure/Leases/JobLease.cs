namespace PatchHound.Infrastructure.Leases;

/// <summary>
/// A row in <c>job_leases</c>: who may run the work named by <see cref="Key"/> until <see cref="ExpiresAt"/>.
/// Written only through <see cref="JobLeaseStore"/>, with the database clock.
/// </summary>
public sealed class JobLease
{
    public const int KeyMaxLength = 200;
    public const int OwnerMaxLength = 200;

    private JobLease()
    {
        Key = string.Empty;
        Owner = string.Empty;
    }

    public string Key { get; private set; }

    public string Owner { get; private set; }

    /// <summary>Changes on every acquisition, so a previous holder's renew or release matches nothing.</summary>
    public Guid Token { get; private set; }

    public DateTimeOffset AcquiredAt { get; private set; }

    public DateTimeOffset RenewedAt { get; private set; }

    public DateTimeOffset ExpiresAt { get; private set; }
}
