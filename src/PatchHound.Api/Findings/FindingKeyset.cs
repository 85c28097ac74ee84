using Microsoft.EntityFrameworkCore;
using PatchHound.Api.Reads;
using PatchHound.Core.Vulnerabilities;

namespace PatchHound.Api.Findings;

/// <summary>
/// Keyset paging of findings: order by (sort key, id) and continue strictly after the cursor's (key, id) with a row
/// comparison, which PostgreSQL uses as an index condition on (tenant_id, key, id) instead of skipping rows. The SLA
/// deadline may be null, which a row comparison cannot express, so that sort reads two segments in turn: the dated
/// findings and the undated ones (after every date: last ascending, first descending, as PostgreSQL orders nulls).
/// Severity lives on the vulnerability, so no findings index can order by it; as it has five values, that sort reads
/// one severity after the other, each in id order along the (tenant_id, id) key, instead of sorting every match.
/// </summary>
internal static class FindingKeyset
{
    /// <summary>
    /// The queries that make up the order, from the cursor on; read them in turn until the page is full. The severity
    /// sort skips the severities the filter excludes (<paramref name="severities"/>; empty: all allowed).
    /// </summary>
    public static IEnumerable<IQueryable<FindingRow>> Segments(
        IQueryable<FindingRow> rows, SortOrder<FindingSortKey> sort, FindingCursor? after, IReadOnlyList<Severity> severities)
    {
        if (after is not null)
        {
            CheckBelongsTo(after, sort);
        }

        if (sort.Key == FindingSortKey.Severity)
        {
            foreach (var segment in SeveritySegments(rows, sort.Descending, after, severities))
            {
                yield return segment;
            }

            yield break;
        }

        if (sort.Key != FindingSortKey.DueAt)
        {
            yield return Ordered(after is null ? rows : After(rows, sort, after), sort);
            yield break;
        }

        var undated = rows.Where(r => r.SlaDueAt == null);
        var dated = rows.Where(r => r.SlaDueAt != null);
        if (!sort.Descending)
        {
            if (after?.At is { } at)
            {
                yield return dated.Where(r => EF.Functions.GreaterThan(ValueTuple.Create(r.SlaDueAt, r.Id), ValueTuple.Create((DateTimeOffset?)at, after.Id)))
                    .OrderBy(r => r.SlaDueAt).ThenBy(r => r.Id);
            }
            else if (after is null)
            {
                yield return dated.OrderBy(r => r.SlaDueAt).ThenBy(r => r.Id);
            }

            var afterId = after is { At: null } ? after.Id : (Guid?)null;
            yield return (afterId is { } id ? undated.Where(r => r.Id.CompareTo(id) > 0) : undated).OrderBy(r => r.Id);
            yield break;
        }

        if (after is null || after.At is null)
        {
            yield return (after is null ? undated : undated.Where(r => r.Id.CompareTo(after.Id) < 0)).OrderByDescending(r => r.Id);
            yield return dated.OrderByDescending(r => r.SlaDueAt).ThenByDescending(r => r.Id);
        }
        else
        {
            var at = after.At;
            yield return dated.Where(r => EF.Functions.LessThan(ValueTuple.Create(r.SlaDueAt, r.Id), ValueTuple.Create(at, after.Id)))
                .OrderByDescending(r => r.SlaDueAt).ThenByDescending(r => r.Id);
        }
    }

    // Severity's enum values are its ranks (None 0 … Critical 4), the key SeverityRank holds.
    private static IEnumerable<IQueryable<FindingRow>> SeveritySegments(
        IQueryable<FindingRow> rows, bool descending, FindingCursor? after, IReadOnlyList<Severity> allowed)
    {
        var order = Enum.GetValues<Severity>().Where(s => allowed.Count == 0 || allowed.Contains(s)).OrderBy(s => (int)s).ToList();
        if (descending)
        {
            order.Reverse();
        }

        var afterRank = (int?)after?.Number;
        foreach (var severity in order.Where(s => afterRank is not { } rank || (descending ? (int)s <= rank : (int)s >= rank)))
        {
            var segment = rows.Where(r => r.Severity == severity);
            if (after is not null && (int)severity == afterRank)
            {
                var id = after.Id;
                segment = descending ? segment.Where(r => r.Id.CompareTo(id) < 0) : segment.Where(r => r.Id.CompareTo(id) > 0);
            }

            yield return descending ? segment.OrderByDescending(r => r.Id) : segment.OrderBy(r => r.Id);
        }
    }

    /// <summary>The whole order in one query (the export): the same order the segments give.</summary>
    public static IOrderedQueryable<FindingRow> Ordered(IQueryable<FindingRow> rows, SortOrder<FindingSortKey> sort) =>
        (sort.Key, sort.Descending) switch
        {
            (FindingSortKey.DueAt, false) => rows.OrderBy(r => r.SlaDueAt).ThenBy(r => r.Id),
            (FindingSortKey.DueAt, true) => rows.OrderByDescending(r => r.SlaDueAt).ThenByDescending(r => r.Id),
            (FindingSortKey.FirstSeen, false) => rows.OrderBy(r => r.FirstSeenAt).ThenBy(r => r.Id),
            (FindingSortKey.FirstSeen, true) => rows.OrderByDescending(r => r.FirstSeenAt).ThenByDescending(r => r.Id),
            (FindingSortKey.Severity, false) => rows.OrderBy(r => r.SeverityRank).ThenBy(r => r.Id),
            (FindingSortKey.Severity, true) => rows.OrderByDescending(r => r.SeverityRank).ThenByDescending(r => r.Id),
            (FindingSortKey.Epss, false) => rows.OrderBy(r => r.EpssKey).ThenBy(r => r.Id),
            (FindingSortKey.Epss, true) => rows.OrderByDescending(r => r.EpssKey).ThenByDescending(r => r.Id),
            _ => throw new ArgumentOutOfRangeException(nameof(sort), sort, "Unknown sort."),
        };

    public static FindingCursor CursorAt(FindingRow row, SortOrder<FindingSortKey> sort) => sort.Key switch
    {
        FindingSortKey.DueAt => new FindingCursor(sort.ToString(), row.Id, At: row.SlaDueAt),
        FindingSortKey.FirstSeen => new FindingCursor(sort.ToString(), row.Id, At: row.FirstSeenAt),
        FindingSortKey.Severity => new FindingCursor(sort.ToString(), row.Id, Number: row.SeverityRank),
        FindingSortKey.Epss => new FindingCursor(sort.ToString(), row.Id, Number: row.EpssKey),
        _ => throw new ArgumentOutOfRangeException(nameof(sort), sort, "Unknown sort."),
    };

    private static IQueryable<FindingRow> After(IQueryable<FindingRow> rows, SortOrder<FindingSortKey> sort, FindingCursor after)
    {
        var id = after.Id;
        switch (sort.Key)
        {
            case FindingSortKey.FirstSeen:
                var at = after.At!.Value;
                return sort.Descending
                    ? rows.Where(r => EF.Functions.LessThan(ValueTuple.Create(r.FirstSeenAt, r.Id), ValueTuple.Create(at, id)))
                    : rows.Where(r => EF.Functions.GreaterThan(ValueTuple.Create(r.FirstSeenAt, r.Id), ValueTuple.Create(at, id)));
            case FindingSortKey.Epss:
                var epss = after.Number!.Value;
                return sort.Descending
                    ? rows.Where(r => EF.Functions.LessThan(ValueTuple.Create(r.EpssKey, r.Id), ValueTuple.Create(epss, id)))
                    : rows.Where(r => EF.Functions.GreaterThan(ValueTuple.Create(r.EpssKey, r.Id), ValueTuple.Create(epss, id)));
            default:
                throw new ArgumentOutOfRangeException(nameof(sort), sort, "Unknown sort.");
        }
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
