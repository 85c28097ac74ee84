using System.ComponentModel.DataAnnotations;
using PatchHound.DefenderSimulator.Faults;
using PatchHound.DefenderSimulator.Tenants;
using PatchHound.DefenderSimulator.Throttling;

namespace PatchHound.DefenderSimulator;

/// <summary>Configuration section <c>Simulator</c>.</summary>
public sealed class SimulatorOptions : IValidatableObject
{
    public const string Section = "Simulator";

    /// <summary>The client secret the token endpoint accepts (per tenant: <c>Tenants:{id}:ClientSecret</c>).</summary>
    [Required]
    public string ClientSecret { get; set; } = "simulator-secret";

    /// <summary>When set, the only client id the token endpoint accepts; otherwise any.</summary>
    public string? ClientId { get; set; }

    /// <summary>HMAC key for access tokens; when unset a random key per process (tokens die with the process).</summary>
    public string? SigningKey { get; set; }

    [Range(1, 7 * 24 * 3600)]
    public int TokenLifetimeSeconds { get; set; } = 3599;

    /// <summary>Serve https endpoints with a self-signed certificate made at start-up (MSAL refuses http authorities).</summary>
    public bool Https { get; set; }

    /// <summary>Where the self-signed certificate is written as PEM for clients to trust.</summary>
    public string CertificatePath { get; set; } = Path.Combine(Path.GetTempPath(), "patchhound-defender-simulator.pem");

    /// <summary>
    /// The simulated "now" of generation 0; generation g is g × <see cref="GenerationLength"/> later. Unset: the UTC day the simulator started on
    /// (see <see cref="Data.SimulatedEpoch"/>); set it to replay one fixed world.
    /// </summary>
    public DateTimeOffset? Epoch { get; set; }

    /// <summary>Simulated time between two generations: generation g's "now" is Epoch + g × GenerationLength.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan GenerationLength { get; set; } = TimeSpan.FromDays(1);

    /// <summary>
    /// When true, every tenant moves one generation on per GenerationLength of real time since Epoch (on top of
    /// configured generations and advances), so a running simulator's world follows the clock: findings are
    /// resolved and found over time.
    /// </summary>
    public bool AdvanceWithClock { get; set; }

    /// <summary>Mixed into every tenant's seed: change it to get a different but equally repeatable world.</summary>
    [Required]
    public string Seed { get; set; } = "patchhound";

    [Range(1, 100_000)]
    public int MaxMachinesPageSize { get; set; } = 10_000;

    [Range(1, 10_000_000)]
    public int MaxVulnerabilitiesPageSize { get; set; } = 200_000;

    /// <summary>pageSize when the request has none (Defender's is 50,000); capped by MaxVulnerabilitiesPageSize.</summary>
    [Range(1, 10_000_000)]
    public int DefaultVulnerabilitiesPageSize { get; set; } = 50_000;

    public TenantProfileOptions DefaultTenant { get; set; } = new()
    {
        Devices = 100,
        FindingsPerDevice = 5,
        ChurnPercent = 5,
        ReopenPercent = 10,
        KevPercent = 20,
        Generation = 0,
    };

    public Dictionary<string, TenantProfileOptions> Tenants { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// When set (<c>host:port</c>), next links point to this other name of the simulator instead of the one the
    /// client used, as Defender's own examples answer on another host of its API family (legacy, regional): a client
    /// must allow that family, and only it.
    /// </summary>
    public string? NextLinkAuthority { get; set; }

    /// <summary>Files the via-files export splits a tenant's snapshot into (devices spread evenly, a device's rows in one file).</summary>
    [Range(1, 10_000)]
    public int ExportFileCount { get; set; } = 4;

    /// <summary>
    /// How long the export's download URLs are valid; unset: the request's <c>sasValidHours</c> (default 1, at most
    /// 6), as Defender does. Tests set seconds to see URLs expire.
    /// </summary>
    public TimeSpan? ExportFileUrlLifetime { get; set; }

    /// <summary>
    /// When set (<c>host:port</c>), export file URLs point to this other name of the simulator, as Defender's point to
    /// Azure Storage rather than the API host.
    /// </summary>
    public string? ExportFilesAuthority { get; set; }

    /// <summary>Defender's documented rate limits per tenant: on by default (ADR 0017).</summary>
    public RateLimitOptions RateLimits { get; set; } = new();

    /// <summary>Faults armed at start-up and again after <c>POST /_sim/reset</c>.</summary>
    public List<FaultRule> Faults { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var problems = DefaultTenant.Problems("DefaultTenant")
            .Concat(Tenants.SelectMany(t => t.Value.Problems($"Tenants:{t.Key}")))
            .Concat(Faults.SelectMany((f, i) => f.Problems($"Faults:{i}")))
            .Concat(RateLimits.Problems());
        foreach (var problem in problems)
        {
            yield return new ValidationResult($"Simulator:{problem}");
        }

        if (DefaultTenant.Devices is null || DefaultTenant.FindingsPerDevice is null || DefaultTenant.ChurnPercent is null
            || DefaultTenant.ReopenPercent is null || DefaultTenant.KevPercent is null)
        {
            yield return new ValidationResult("Simulator:DefaultTenant must set Devices, FindingsPerDevice, ChurnPercent, ReopenPercent and KevPercent.");
        }
    }
}
