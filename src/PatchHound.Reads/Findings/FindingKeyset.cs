using PatchHound.Core.Vulnerabilities;

namespace PatchHound.Reads.Findings;

/// <summary>
/// Keyset paging of findings: order by (sort key, id) and continue strictly after the cursor's (key, id) with a row
/// comparison, which PostgreSQL uses as an index condition on (tenant_id, key, id) instead of skipping rows. The SLA
/// deadline may be null, which a row comparison cannot express, so that sort reads two segments in turn: the dated
/// findings and the undated ones (after every date: last ascending, first descending, as PostgreSQL orders nulls).
/// The severity sort reads one rank after the other (five values), each in id order: with a status, along the index
/// (tenant_id, status, severity_rank, id) on the rank the database keeps (SeverityRankTriggers).
/// </summary>
internal static class FindingKeyset
{
    /// <summary>
    /// The queries that make up the order, from the cursor on; read them in turn until the page is full. The severity
    /// sort skips the severities the filter excludes (<paramref name="severities"/>; empty: all allowed).
    /// </summary>
    public static IEnumerable<KeysetSegment> Segments(SortOrder<FindingSortKey> sort, FindingCursor? after, IReadOnlyList<Severity> severities)
    {
        if (after is not null)
        {
            CheckBelongsTo(after, sort);
        }

        return sort.Key switch
        {
            FindingSortKey.Severity => SeveritySegments(sort.Descending, after, severities),
            FindingSortKey.DueAt => DueAtSegments(sort.Descending, after),
            _ => [new KeysetSegment(after is null ? null : After(sort, after), Ordered(sort))],
        };
    }

    /// <summary>The whole order as one ORDER BY (the export): the order the segments give.</summary>
    public static string Ordered(SortOrder<FindingSortKey> sort)
    {
        var key = sort.Key switch
        {
            FindingSortKey.DueAt => "f.sla_due_at",
            FindingSortKey.FirstSeen => "f.first_seen_at",
            FindingSortKey.Severity => FindingSql.SeverityRank,
            FindingSortKey.Epss => FindingSql.EpssKey,
            _ => throw new ArgumentOutOfRangeException(nameof(sort), sort, "Unknown sort."),
        };
        return sort.Descending ? $"{key} DESC, f.id DESC" : $"{key}, f.id";
    }

    public static FindingCursor CursorAt(FindingDto row, SortOrder<FindingSortKey> sort) => sort.Key switch
    {
        FindingSortKey.DueAt => new FindingCursor(sort.ToString(), row.Id, At: row.SlaDueAt),
        FindingSortKey.FirstSeen => new FindingCursor(sort.ToString(), row.Id, At: row.FirstSeenAt),
        FindingSortKey.Severity => new FindingCursor(sort.ToString(), row.Id, Number: (int)row.Severity),
        FindingSortKey.Epss => new FindingCursor(sort.ToString(), row.Id, Number: row.EpssScore ?? FindingSql.NoEpss),
        _ => throw new ArgumentOutOfRangeException(nameof(sort), sort, "Unknown sort."),
    };

    private static IEnumerable<KeysetSegment> DueAtSegments(bool descending, FindingCursor? after)
    {
        const string dated = "f.sla_due_at IS NOT NULL";
        const string undated = "f.sla_due_at IS NULL";
        if (!descending)
        {
            // Ascending: the dated findings, then the undated ones; a cursor without a date is already among the latter.
            if (after?.At is { } at)
            {
                yield return new KeysetSegment(p => $"{dated} AND (f.sla_due_at, f.id) > ({p.Add(at)}, {p.Add(after.Id)})", "f.sla_due_at, f.id");
            }
            else if (after is null)
            {
                yield return new KeysetSegment(_ => dated, "f.sla_due_at, f.id");
            }

            yield return new KeysetSegment(p => after is { At: null } undatedCursor ? $"{undated} AND f.id > {p.Add(undatedCursor.Id)}" : undated, "f.id");
            yield break;
        }

        // Descending: the undated findings first, then the dated ones.
        if (after?.At is { } before)
        {
            yield return new KeysetSegment(p => $"{dated} AND (f.sla_due_at, f.id) < ({p.Add(before)}, {p.Add(after.Id)})", "f.sla_due_at DESC, f.id DESC");
            yield break;
        }

        yield return new KeysetSegment(p => after is null ? undated : $"{undated} AND f.id < {p.Add(after.Id)}", "f.id DESC");
        yield return new KeysetSegment(_ => dated, "f.sla_due_at DESC, f.id DESC");
    }

    // Severity's enum values are its ranks (None 0 … Critical 4), the key findings.severity_rank keeps.
    private static IEnumerable<KeysetSegment> SeveritySegments(bool descending, FindingCursor? after, IReadOnlyList<Severity> allowed)
    {
        var order = Enum.GetValues<Severity>().Where(s => allowed.Count == 0 || allowed.Contains(s)).OrderBy(s => (int)s).ToList();
        if (descending)
        {
            order.Reverse();
        }

        var afterRank = (int?)after?.Number;
        var idOrder = descending ? "f.id DESC" : "f.id";
        foreach (var severity in order.Where(s => afterRank is not { } rank || (descending ? (int)s <= rank : (int)s >= rank)))
        {
            var rank = (int)severity;
            if (after is not null && (int)severity == afterRank)
            {
                var id = after.Id;
                yield return new KeysetSegment(p => $"{FindingSql.SeverityRank} = {p.Add(rank)} AND f.id {(descending ? "<" : ">")} {p.Add(id)}", idOrder);
            }
            else
            {
                yield return new KeysetSegment(p => $"{FindingSql.SeverityRank} = {p.Add(rank)}", idOrder);
            }
        }
    }

    private static Func<PositionalParameters, string> After(SortOrder<FindingSortKey> sort, FindingCursor after)
    {
        var comparison = sort.Descending ? "<" : ">";
        return sort.Key switch
        {
            FindingSortKey.FirstSeen => p => $"(f.first_seen_at, f.id) {comparison} ({p.Add(after.At!.Value)}, {p.Add(after.Id)})",
            FindingSortKey.Epss => p => $"({FindingSql.EpssKey}, f.id) {comparison} ({p.Add(after.Number!.Value)}, {p.Add(after.Id)})",
            _ => throw new ArgumentOutOfRangeException(nameof(sort), sort, "Unknown sort."),
        };
    }

    // A cursor is only meaningful in the order that produced it.
    private static void CheckBelongsTo(FindingCursor cursor, SortOrder<FindingSortKey> sort)
    {
        var hasKey = sort.Key switch
        {
            FindingSortKey.DueAt => true,
            FindingSortKey.FirstSeen => cursor.At is not null,
            _ => cursor.Number is not null,
        };
        if (cursor.Sort != sort.ToString() || !hasKey || cursor.Id == Guid.Empty)
        {
            throw new BadHttpRequestException("The cursor belongs to another sort; start again without a cursor.");
        }
    }
}
