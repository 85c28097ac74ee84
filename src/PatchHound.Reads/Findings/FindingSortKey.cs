namespace PatchHound.Reads.Findings;

/// <summary>What the findings list can be sorted by (<c>sort=dueAt</c>, <c>sort=-severity</c>, ...).</summary>
internal enum FindingSortKey
{
    /// <summary>SLA deadline; findings without one come after every date (last ascending, first descending).</summary>
    DueAt,
    FirstSeen,

    /// <summary>None &lt; Low &lt; Medium &lt; High &lt; Critical.</summary>
    Severity,

    /// <summary>EPSS probability; findings without a score sort as the lowest.</summary>
    Epss,
}
