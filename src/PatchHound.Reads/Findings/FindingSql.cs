using System.Text;
using Npgsql;
using PatchHound.Core.Findings;
using PatchHound.Core.Sla;
using PatchHound.Core.Vulnerabilities;

namespace PatchHound.Reads.Findings;

/// <summary>
/// The SQL of the findings list and export: a finding with its vulnerability and device, of the tenant, filtered, in
/// one order. Written by hand for the list's hot path (see <see cref="Infrastructure.Persistence.TenantSql"/>); every
/// value is a parameter, and the same filters always give the same text, so each shape is prepared once.
/// </summary>
internal static class FindingSql
{
    /// <summary>The EPSS sort key's value for a vulnerability without a score: below every score.</summary>
    public const decimal NoEpss = -1m;

    /// <summary>The EPSS sort key: the score, or <see cref="NoEpss"/>.</summary>
    public static readonly string EpssKey = $"COALESCE(v.epss_score, {NoEpss.ToString(System.Globalization.CultureInfo.InvariantCulture)})";

    /// <summary>The finding's effective severity (ADR 0010): the catalog's once enriched, else its own source's.</summary>
    public static readonly string EffectiveSeverity = Infrastructure.Ingestion.EffectiveSeveritySql.Of();

    /// <summary>
    /// The severity sort key: the rank (None 0 … Critical 4) of <see cref="EffectiveSeverity"/>, kept on the finding by
    /// the database (Infrastructure.Persistence.SeverityRankTriggers), so that an index can order by it.
    /// </summary>
    public const string SeverityRank = "f." + Infrastructure.Persistence.SeverityRankTriggers.Column;

    private static readonly string SelectFrom =
        $"""
        SELECT f.id, f.device_id, d.name, f.vulnerability_id, v.title, {EffectiveSeverity}, COALESCE(v.cvss_v3score, f.source_cvss_score),
               v.epss_score, v.is_known_exploited, f.product_name, f.product_version, f.status, f.first_seen_at,
               f.last_seen_at, f.resolved_at, f.sla_due_at, f.reopen_count, f.source_severity, f.source_cvss_score,
               f.exploitability_level, f.security_update_available, f.recommended_security_update,
               f.recommended_security_update_id, f.recommended_security_update_url, f.recommendation_reference
        FROM findings f
        JOIN vulnerabilities v ON v.id = f.vulnerability_id
        JOIN devices d ON d.tenant_id = f.tenant_id AND d.id = f.device_id
        """;

    /// <summary>One segment of a keyset page: at most <paramref name="limit"/> rows.</summary>
    public static NpgsqlBatchCommand Page(Guid tenantId, FindingFilter filter, SlaWindow window, KeysetSegment segment, int limit)
    {
        var parameters = new PositionalParameters();
        var sql = Query(tenantId, filter, window, parameters, segment.Where);
        sql.Append("\nORDER BY ").Append(segment.OrderBy).Append("\nLIMIT ").Append(parameters.Add(limit));
        return parameters.Command(sql.ToString());
    }

    /// <summary>Every matching finding in <paramref name="orderBy"/>.</summary>
    public static NpgsqlBatchCommand All(Guid tenantId, FindingFilter filter, SlaWindow window, string orderBy)
    {
        var parameters = new PositionalParameters();
        var sql = Query(tenantId, filter, window, parameters, where: null);
        sql.Append("\nORDER BY ").Append(orderBy);
        return parameters.Command(sql.ToString());
    }

    /// <summary>The finding on the reader's current row, with its SLA state at <paramref name="window"/>.</summary>
    public static FindingDto Read(NpgsqlDataReader reader, SlaWindow window)
    {
        var status = Enum.Parse<FindingStatus>(reader.GetString(11));
        DateTimeOffset? dueAt = reader.IsDBNull(15) ? null : reader.GetFieldValue<DateTimeOffset>(15);
        return new FindingDto(
            reader.GetGuid(0),
            reader.GetGuid(1),
            reader.GetString(2),
            reader.GetString(3),
            reader.GetString(4),
            Enum.Parse<Severity>(reader.GetString(5)),
            reader.IsDBNull(6) ? null : reader.GetDecimal(6),
            reader.IsDBNull(7) ? null : reader.GetDecimal(7),
            reader.GetBoolean(8),
            reader.GetString(9),
            reader.IsDBNull(10) ? null : reader.GetString(10),
            status,
            reader.GetFieldValue<DateTimeOffset>(12),
            reader.GetFieldValue<DateTimeOffset>(13),
            reader.IsDBNull(14) ? null : reader.GetFieldValue<DateTimeOffset>(14),
            dueAt,
            window.StateOf(status, dueAt),
            reader.GetInt32(16),
            reader.IsDBNull(17) ? null : Enum.Parse<Severity>(reader.GetString(17)),
            reader.IsDBNull(18) ? null : reader.GetDecimal(18),
            reader.IsDBNull(19) ? null : Enum.Parse<ExploitabilityLevel>(reader.GetString(19)),
            reader.IsDBNull(20) ? null : reader.GetBoolean(20),
            reader.IsDBNull(21) ? null : reader.GetString(21),
            reader.IsDBNull(22) ? null : reader.GetString(22),
            reader.IsDBNull(23) ? null : reader.GetString(23),
            reader.IsDBNull(24) ? null : reader.GetString(24));
    }

    private static StringBuilder Query(
        Guid tenantId, FindingFilter filter, SlaWindow window, PositionalParameters parameters, Func<PositionalParameters, string>? where)
    {
        var sql = new StringBuilder(SelectFrom).Append("\nWHERE f.tenant_id = ").Append(parameters.Add(tenantId));
        foreach (var condition in Conditions(filter, window, parameters))
        {
            sql.Append(" AND ").Append(condition);
        }

        if (where is not null)
        {
            sql.Append(" AND ").Append(where(parameters));
        }

        return sql;
    }

    private static IEnumerable<string> Conditions(FindingFilter filter, SlaWindow window, PositionalParameters parameters)
    {
        if (filter.Severities.Count > 0)
        {
            yield return $"{EffectiveSeverity} = ANY({parameters.Add(filter.Severities.Select(s => s.ToString()).ToArray())})";
        }

        if (filter.Statuses.Count == 1)
        {
            // Equality, not ANY: PostgreSQL 15 reads an index in order only when its second column is compared with "=".
            yield return $"f.status = {parameters.Add(filter.Statuses[0].ToString())}";
        }
        else if (filter.Statuses.Count > 1)
        {
            yield return $"f.status = ANY({parameters.Add(filter.Statuses.Select(s => s.ToString()).ToArray())})";
        }

        if (filter.Exploitability.Count > 0)
        {
            yield return $"f.exploitability_level = ANY({parameters.Add(filter.Exploitability.Select(e => e.ToString()).ToArray())})";
        }

        if (filter.Kev is { } kev)
        {
            yield return $"v.is_known_exploited = {parameters.Add(kev)}";
        }

        if (filter.MinEpss is { } minEpss)
        {
            yield return $"v.epss_score >= {parameters.Add(minEpss)}";
        }

        if (filter.DeviceId is { } deviceId)
        {
            yield return $"f.device_id = {parameters.Add(deviceId)}";
        }

        if (filter.CveId is { } cveId)
        {
            yield return $"f.vulnerability_id = {parameters.Add(cveId)}";
        }

        if (filter.Product is { } product)
        {
            yield return $"f.product_name = {parameters.Add(product)}";
        }

        if (filter.SlaStates.Count > 0)
        {
            yield return InSlaStates(filter.SlaStates, window, parameters);
        }
    }

    // The SQL form of SlaCalculator.OpenStateAt: breached from the deadline on, due soon within the window before it.
    private static string InSlaStates(IReadOnlyList<SlaState> states, SlaWindow window, PositionalParameters parameters)
    {
        var now = states.Contains(SlaState.Breached) || states.Contains(SlaState.DueSoon) ? parameters.Add(window.Now) : null;
        var until = states.Contains(SlaState.DueSoon) || states.Contains(SlaState.WithinSla) ? parameters.Add(window.DueSoonUntil) : null;
        var any = new List<string>();
        if (states.Contains(SlaState.Breached))
        {
            any.Add($"f.sla_due_at <= {now}");
        }

        if (states.Contains(SlaState.DueSoon))
        {
            any.Add($"(f.sla_due_at > {now} AND f.sla_due_at <= {until})");
        }

        if (states.Contains(SlaState.WithinSla))
        {
            any.Add($"f.sla_due_at > {until}");
        }

        if (states.Contains(SlaState.NoSla))
        {
            any.Add("f.sla_due_at IS NULL");
        }

        return $"f.status = '{FindingStatus.Open}' AND ({string.Join(" OR ", any)})";
    }
}
