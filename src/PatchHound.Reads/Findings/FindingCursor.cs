namespace PatchHound.Reads.Findings;

/// <summary>
/// Where a findings page ended: the sort it belongs to, the last row's sort key and its id. <see cref="At"/> holds
/// date keys (null for a finding without SLA deadline when sorted by it), <see cref="Number"/> the others.
/// </summary>
internal sealed record FindingCursor(string Sort, Guid Id, DateTimeOffset? At = null, decimal? Number = null);
