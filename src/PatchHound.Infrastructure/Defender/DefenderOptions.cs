using System.ComponentModel.DataAnnotations;
using PatchHound.Infrastructure.Defender.RateBudget;

namespace PatchHound.Infrastructure.Defender;

/// <summary>Bound from <c>Defender</c>. Applies to every Defender and simulator source.</summary>
public sealed class DefenderOptions : IValidatableObject
{
    public const string Section = "Defender";

    /// <summary>Microsoft Entra ID authority of Defender sources; must be https.</summary>
    [Required]
    public string AuthorityHost { get; set; } = "https://login.microsoftonline.com/";

    /// <summary>Token issuer of simulator sources; when empty, the origin of the source's base URL.</summary>
    public string? SimulatorAuthorityHost { get; set; }

    [Required]
    public string Scope { get; set; } = "https://api.securitycenter.microsoft.com/.default";

    /// <summary>How Defender sources sign in; simulator sources always post client credentials.</summary>
    public DefenderCredentialKind Credential { get; set; } = DefenderCredentialKind.ClientSecret;

    /// <summary>Client id of a user-assigned managed identity; empty for the system-assigned one.</summary>
    public string? ManagedIdentityClientId { get; set; }

    /// <summary>
    /// Largest response body accepted for one page, counted while reading; a larger page fails instead of
    /// exhausting memory. A machine is about 2 KB and Defender sends up to 10,000 per page.
    /// </summary>
    [Range(1024L, 1L << 30)]
    public long MaxPageBytes { get; set; } = 64L << 20;

    /// <summary>Requests of one page answered 429 before giving up with a throttled error.</summary>
    [Range(1, 50)]
    public int MaxThrottledAttempts { get; set; } = 6;

    /// <summary>Longest Retry-After honoured; a longer one is cut to this.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:30:00")]
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Requests of one page failing with 5xx, a time-out or a broken connection before giving up.</summary>
    [Range(1, 20)]
    public int MaxTransientAttempts { get; set; } = 4;

    /// <summary>First backoff after a transient failure; doubles per attempt, with jitter.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Time allowed for one page: sending the request and reading the whole body.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:30:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(100);

    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan TokenRequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A cached token is replaced this long before it expires.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:30:00")]
    public TimeSpan TokenRefreshMargin { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Hosts (<c>host</c> or <c>host:port</c>) an <c>@odata.nextLink</c> may point to besides the source's own
    /// origin, on its scheme. Unset: <see cref="DefenderApiHosts.Documented"/>; a configured list replaces it.
    /// </summary>
    public string[]? AllowedApiHosts { get; set; }

    /// <summary>
    /// Hosts a download URL of the via-files export may point to besides Azure Storage (<c>*.blob.core.windows.net</c>):
    /// <c>host</c>, <c>host:port</c> or <c>*.suffix</c> over https, or <c>http://host:port</c> for a local simulator
    /// (see <see cref="ExportFileHosts"/>). Added to Azure Storage, never replacing it.
    /// </summary>
    public string[] AllowedExportFileHosts { get; set; } = [];

    /// <summary>
    /// Largest decompressed line (one record) of an export file; a longer one fails the file instead of growing the
    /// buffer without bound. A record is about 1 KB.
    /// </summary>
    [Range(1024, 64 << 20)]
    public int MaxExportLineBytes { get; set; } = 1 << 20;

    /// <summary>Time allowed for one export file to answer with its headers (the body streams for as long as it takes).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:30:00")]
    public TimeSpan ExportFileHeadersTimeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>Pacing below Defender's documented rate limits, shared by every replica (ADR 0017).</summary>
    public DefenderRateBudgetOptions RateBudget { get; set; } = new();

    /// <summary>The hosts in effect: <see cref="AllowedApiHosts"/> or the documented family.</summary>
    public IReadOnlyCollection<string> ApiHosts => AllowedApiHosts is { Length: > 0 } hosts ? hosts : DefenderApiHosts.Documented;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Uri.TryCreate(AuthorityHost, UriKind.Absolute, out var authority) || authority.Scheme != Uri.UriSchemeHttps)
        {
            yield return new ValidationResult("AuthorityHost must be an absolute https URL.", [nameof(AuthorityHost)]);
        }

        if (!string.IsNullOrEmpty(SimulatorAuthorityHost)
            && (!Uri.TryCreate(SimulatorAuthorityHost, UriKind.Absolute, out var simulator)
                || (simulator.Scheme != Uri.UriSchemeHttp && simulator.Scheme != Uri.UriSchemeHttps)))
        {
            yield return new ValidationResult(
                "SimulatorAuthorityHost must be an absolute http or https URL.", [nameof(SimulatorAuthorityHost)]);
        }

        if (AllowedApiHosts?.Any(h => string.IsNullOrWhiteSpace(h) || h.Contains('/', StringComparison.Ordinal) || h.Contains('*', StringComparison.Ordinal)) == true)
        {
            yield return new ValidationResult(
                "AllowedApiHosts entries must be host names, optionally with :port (no scheme, path or wildcard).", [nameof(AllowedApiHosts)]);
        }

        if (AllowedExportFileHosts.Any(h => !ExportFileHosts.IsValidEntry(h)))
        {
            yield return new ValidationResult(
                "AllowedExportFileHosts entries must be host, host:port or *.suffix (https), or http://host:port for a local simulator.",
                [nameof(AllowedExportFileHosts)]);
        }

        foreach (var problem in RateBudget.Problems())
        {
            yield return problem;
        }

        if (RetryMaxDelay < RetryBaseDelay)
        {
            yield return new ValidationResult("RetryMaxDelay must not be shorter than RetryBaseDelay.", [nameof(RetryMaxDelay)]);
        }
    }
}
