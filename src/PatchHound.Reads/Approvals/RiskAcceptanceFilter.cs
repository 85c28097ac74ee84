using PatchHound.Core.Approvals;

namespace PatchHound.Reads.Approvals;

/// <summary>
/// The risk acceptance list's filter and order, parsed once for the REST list and the page so both refuse the same
/// values with the same messages: a state, "ends within N days" (1–365, active ones ending by then) and the sort,
/// <c>-acceptedAt</c> (newest first, the default) or <c>expiresAt</c> (soonest end first, or <c>-expiresAt</c>).
/// </summary>
internal sealed record RiskAcceptanceFilter(RiskAcceptanceState? State, int? ExpiresWithinDays, RiskAcceptanceSort Sort, bool Descending)
{
    public const int MaxWithinDays = 365;

    public static readonly RiskAcceptanceFilter None = new(null, null, RiskAcceptanceSort.AcceptedAt, true);

    public static RiskAcceptanceFilter Parse(string? state, string? expiresWithin, string? sort, IDictionary<string, string[]> errors)
    {
        RiskAcceptanceState? stateFilter = null;
        if (!string.IsNullOrWhiteSpace(state))
        {
            if (state.All(char.IsAsciiLetter) && Enum.TryParse<RiskAcceptanceState>(state, ignoreCase: true, out var parsed))
            {
                stateFilter = parsed;
            }
            else
            {
                errors["state"] = [$"One of: {string.Join(", ", Enum.GetNames<RiskAcceptanceState>())}."];
            }
        }

        int? within = null;
        if (!string.IsNullOrWhiteSpace(expiresWithin))
        {
            if (int.TryParse(expiresWithin, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var days)
                && days is >= 1 and <= MaxWithinDays)
            {
                within = days;
            }
            else
            {
                errors["expiresWithin"] = [$"A number of days from 1 to {MaxWithinDays}."];
            }
        }

        var order = QueryValues.Sort(sort, new SortOrder<RiskAcceptanceSort>(RiskAcceptanceSort.AcceptedAt, true), errors);
        return new RiskAcceptanceFilter(stateFilter, within, order.Key, order.Descending);
    }

    public IQueryable<RiskAcceptance> Apply(IQueryable<RiskAcceptance> query, DateTimeOffset now)
    {
        query = State switch
        {
            RiskAcceptanceState.Active => query.Where(r => r.RevokedAt == null && r.ExpiresAt > now),
            RiskAcceptanceState.Expired => query.Where(r => r.RevokedAt == null && r.ExpiresAt <= now),
            RiskAcceptanceState.Revoked => query.Where(r => r.RevokedAt != null),
            _ => query,
        };
        if (ExpiresWithinDays is { } days)
        {
            var by = now.AddDays(days);
            query = query.Where(r => r.RevokedAt == null && r.ExpiresAt > now && r.ExpiresAt <= by);
        }

        return query;
    }
}

/// <summary>The risk acceptance list's sort keys.</summary>
internal enum RiskAcceptanceSort
{
    AcceptedAt,
    ExpiresAt,
}
