using System.Globalization;
using System.Text;
using PatchHound.Reads.Findings;

namespace PatchHound.Web.Findings;

/// <summary>
/// The findings page's query string: the API's filter parameters as text, the sort, the cursor and the number of rows
/// before this page (for "at least N"). Parsed into the API's own <see cref="FindingFilterParameters"/>, so the page
/// and the REST list accept and refuse the same values with the same messages.
/// </summary>
internal sealed record FindingListQuery(
    string[] Severity,
    string[] Status,
    string[] SlaState,
    string? Kev,
    string? MinEpss,
    string? DeviceId,
    string? CveId,
    string[] Exploitability,
    string? Product = null)
{
    /// <summary>The filter parameters, with a field error for each value that is not of its type.</summary>
    public FindingFilterParameters ToParameters(IDictionary<string, string[]> errors)
    {
        bool? kev = null;
        if (!string.IsNullOrWhiteSpace(Kev))
        {
            if (bool.TryParse(Kev, out var parsed))
            {
                kev = parsed;
            }
            else
            {
                errors["kev"] = ["kev is true or false."];
            }
        }

        decimal? minEpss = null;
        if (!string.IsNullOrWhiteSpace(MinEpss))
        {
            if (decimal.TryParse(MinEpss, NumberStyles.Number, CultureInfo.InvariantCulture, out var parsed))
            {
                minEpss = parsed;
            }
            else
            {
                errors["minEpss"] = ["minEpss is a probability between 0 and 1."];
            }
        }

        Guid? deviceId = null;
        if (!string.IsNullOrWhiteSpace(DeviceId))
        {
            if (Guid.TryParse(DeviceId, out var parsed))
            {
                deviceId = parsed;
            }
            else
            {
                errors["deviceId"] = ["deviceId is a device id (a GUID)."];
            }
        }

        return new FindingFilterParameters(Severity, Status, kev, minEpss, deviceId, CveId, SlaState, Exploitability, Product);
    }

    /// <summary>This filter as a query string (with a leading <c>?</c>, or empty), plus the given extra parameters.</summary>
    public string ToQueryString(params (string Name, string? Value)[] extra)
    {
        var pairs = Severity.Select(v => ("severity", (string?)v))
            .Concat(Status.Select(v => ("status", (string?)v)))
            .Concat(SlaState.Select(v => ("slaState", (string?)v)))
            .Concat(Exploitability.Select(v => ("exploitability", (string?)v)))
            .Append(("kev", Kev))
            .Append(("minEpss", MinEpss))
            .Append(("deviceId", DeviceId))
            .Append(("cveId", CveId))
            .Append(("product", Product))
            .Concat(extra);
        var query = new StringBuilder();
        foreach (var (name, value) in pairs)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                continue;
            }

            query.Append(query.Length == 0 ? '?' : '&').Append(name).Append('=').Append(Uri.EscapeDataString(value));
        }

        return query.ToString();
    }

    public static bool Has(string[] values, string value) => values.Contains(value, StringComparer.OrdinalIgnoreCase);
}
