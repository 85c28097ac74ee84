using PatchHound.Core.Common;

namespace PatchHound.Core.Audit;

/// <summary>
/// Append-only record of every time a platform operator (or a platform job) stepped outside
/// tenant isolation to see or change data of all tenants. Global: it belongs to no tenant.
/// </summary>
public sealed class PlatformAccessEntry
{
    private PlatformAccessEntry()
    {
        Actor = string.Empty;
        Reason = string.Empty;
    }

    public PlatformAccessEntry(string actor, string reason, DateTimeOffset at)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        Id = Ids.New();
        Actor = actor;
        Reason = reason;
        At = at;
    }

    public Guid Id { get; private set; }

    public string Actor { get; private set; }

    public string Reason { get; private set; }

    public DateTimeOffset At { get; private set; }
}
