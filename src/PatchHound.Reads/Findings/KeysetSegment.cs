
namespace PatchHound.Reads.Findings;

/// <summary>
/// One query of a keyset order: the condition that starts it after the cursor (null: from the start), which adds its
/// values to the query's parameters, and the ORDER BY it reads in.
/// </summary>
internal sealed record KeysetSegment(Func<PositionalParameters, string>? Where, string OrderBy);
