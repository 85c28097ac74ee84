using System.ComponentModel.DataAnnotations;

namespace PatchHound.Infrastructure.Enrichment;

/// <summary>Bound from the <c>Enrichment</c> configuration section: where the catalog feeds are fetched from.</summary>
public sealed class EnrichmentOptions
{
    public const string Section = "Enrichment";

    /// <summary>
    /// CISA Known Exploited Vulnerabilities catalog (JSON). Every feed location is an http(s) URL — the publisher's or
    /// a mirror's — or a local file (absolute path or file: URI) in the publisher's format, for air-gapped hosts.
    /// </summary>
    [Required]
    [FeedLocation]
    public string KevFeedUrl { get; set; } = "https://www.cisa.gov/sites/default/files/feeds/known_exploited_vulnerabilities.json";

    /// <summary>FIRST EPSS scores of the day, a gzip CSV (plain CSV is accepted too).</summary>
    [Required]
    [FeedLocation]
    public string EpssFeedUrl { get; set; } = "https://epss.empiricalsecurity.com/epss_scores-current.csv.gz";

    /// <summary>NVD CVE API 2.0.</summary>
    [Required]
    [Url]
    public string NvdApiUrl { get; set; } = "https://services.nvd.nist.gov/rest/json/cves/2.0";

    /// <summary>
    /// When set, NVD CVEs are read from this one document instead of the API: a URL or local file holding an NVD CVE
    /// API 2.0 response (the shape of the NVD's JSON 2.0 data feeds, such as nvdcve-2.0-modified.json.gz; gzip or
    /// plain). Every CVE in it is applied, whatever its modification date.
    /// </summary>
    [FeedLocation]
    public string? NvdFeedUrl { get; set; }

    /// <summary>
    /// Apply every feed once when the worker starts, before its job servers take work (the demo sets it, with
    /// local files, so that the first ingestion already meets an enriched catalog). A failed feed does not stop
    /// the worker.
    /// </summary>
    public bool RunAtStartup { get; set; }

    /// <summary>
    /// Name of the configuration entry holding the NVD API key (e.g. <c>Secrets:NvdApiKey</c>), never the key itself.
    /// Without a key the NVD allows far fewer requests, so keep <see cref="NvdPageDelay"/> at its default.
    /// </summary>
    public string? NvdApiKeyReference { get; set; }

    /// <summary>How far back a run asks the NVD for modified CVEs. The NVD refuses windows over 120 days.</summary>
    [Range(1, 120)]
    public int NvdLookbackDays { get; set; } = 3;

    /// <summary>CVEs per NVD page; 2000 is the API's maximum.</summary>
    [Range(1, 2000)]
    public int NvdResultsPerPage { get; set; } = 2000;

    /// <summary>Pause between two NVD pages; the NVD asks clients to wait about six seconds between requests.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")]
    public TimeSpan NvdPageDelay { get; set; } = TimeSpan.FromSeconds(6);

    /// <summary>Wait before retrying a 429/503 answer that carries no Retry-After header (grows with each attempt).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan NvdRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Requests per NVD page, the first included, before a 429/503 answer fails the feed.</summary>
    [Range(1, 10)]
    public int NvdMaxAttempts { get; set; } = 5;

    /// <summary>Time allowed for a feed server to answer with its headers (the body is streamed afterwards).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:30:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromMinutes(2);
}
