namespace PatchHound.Reads.Paging;

/// <summary>
/// Where a page of a time-ordered list ended: the last row's timestamp and id (the tie-breaker), compared as one
/// row value so PostgreSQL walks the (tenant_id, time) indexes.
/// </summary>
internal sealed record KeysetPosition(DateTimeOffset At, Guid Id);
