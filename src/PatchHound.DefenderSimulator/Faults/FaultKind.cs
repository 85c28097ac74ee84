namespace PatchHound.DefenderSimulator.Faults;

/// <summary>What can go wrong with a response. Names are accepted as strings in configuration and JSON.</summary>
public enum FaultKind
{
    /// <summary>Wait <see cref="FaultRule.LatencyMs"/> before answering (adds to any other fault).</summary>
    Latency,

    /// <summary>429 with <c>Retry-After: RetryAfterSeconds</c>; with EveryNth 1 and no Times, an endless 429.</summary>
    TooManyRequests,

    /// <summary>A 5xx (<see cref="FaultRule.StatusCode"/>, default 503) with a Defender error body.</summary>
    ServerError,

    /// <summary>401 as for an expired or revoked token.</summary>
    Unauthorized,

    /// <summary>403 as for an app lacking Machine.Read.All / Vulnerability.Read.All.</summary>
    Forbidden,

    /// <summary>200 with <c>text/html</c>: a proxy's or gateway's error page.</summary>
    HtmlErrorPage,

    /// <summary>200, half of the page, then the body ends: invalid JSON.</summary>
    TruncatedJson,

    /// <summary>Half of the page, then the connection is aborted.</summary>
    ConnectionReset,

    /// <summary>Fields of the wrong JSON type: machines' id and vulnerabilities' deviceId as numbers, and more.</summary>
    WrongTypes,

    /// <summary>A required field missing from every row: machines' id, export rows' softwareName.</summary>
    MissingRequiredField,

    /// <summary>
    /// Every tenth export row of the listing (row number divisible by 10) comes without its <c>deviceId</c>: an
    /// unusable record a client skips and counts, while the rest of the page stays usable.
    /// </summary>
    UnusableRows,

    /// <summary>The page repeats row 0 of the whole run at its end: a device id (and finding id) seen twice in a run.</summary>
    DuplicateItems,

    /// <summary>The page is padded with whitespace to more than <see cref="FaultRule.OversizeMegabytes"/> MB.</summary>
    OversizedPage,

    /// <summary>The next link points to another origin (always present on the targeted page).</summary>
    ForeignNextLink,

    /// <summary>The next link points back to page 1 (always present on the targeted page): a client must detect the loop.</summary>
    CyclicNextLink,

    /// <summary>
    /// Every free-text field of every record (ids, names, versions, tags; not timestamps) carries U+0000 after its
    /// first character, escaped in the JSON as <c>\u0000</c>, which JSON allows and a messy real source may send.
    /// </summary>
    NulInText,

    /// <summary>
    /// Every row of machines and exports starts with temporary columns the client does not know, of every JSON type
    /// (the documentation: "Some extra columns might be returned in the response. These columns are temporary and
    /// might be removed"); a nested object among them carries an <c>id</c> and a <c>cveId</c> of its own.
    /// </summary>
    ExtraColumns,
}
