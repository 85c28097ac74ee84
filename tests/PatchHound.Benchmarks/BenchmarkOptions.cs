using System.Globalization;
using PatchHound.Core.Sources;

namespace PatchHound.Benchmarks;

/// <summary>Sizes and settings of one benchmark run, from the command line (<c>--help</c> lists them).</summary>
internal sealed record BenchmarkOptions
{
    public const string Usage = """
        PatchHound ingestion benchmark: starts PostgreSQL, the Defender simulator and worker processes, ingests, prints a table.

          --quick                       small sizes for a smoke test (1k/5k, 5k/25k, 4 tenants of 200/1k)
          --devices N                   single-tenant scenario: devices (default 10000)
          --large-devices N             large-tenant scenario: devices (default 100000)
          --findings-per-device N       findings per device in every scenario (default 5)
          --tenants N                   many-tenants scenario: tenants due at once (default 20)
          --tenant-devices N            many-tenants scenario: devices per tenant (default 1000)
          --page-size N                 the sources' PageSize (default 1000, the product default; max 10000)
          --scenarios a,b,c             which to run: single, large, delta, files, many, sweeps (default single, large, many), telemetry
                                        (issue 16: the single tenant's first run twice, its worker without telemetry,
                                        then exporting everything over OTLP/HTTP to a local sink; prints the difference)
          --sweep-tenants N             sweeps scenario: idle tenants (default 10000)
          --worker-setting KEY=VALUE    extra worker configuration, e.g. Jobs__QueuePollInterval=00:00:01 (repeatable)
          --verbose                     print every run's job chain (hop and duration per step) to stderr
          --keep-databases              leave the scenarios' databases on the server for a closer look
        """;

    public int Devices { get; init; } = 10_000;

    public int LargeDevices { get; init; } = 100_000;

    public int FindingsPerDevice { get; init; } = 5;

    public int Tenants { get; init; } = 20;

    public int TenantDevices { get; init; } = 1_000;

    public int PageSize { get; init; } = SourceConfiguration.DefaultPageSize;

    public int SweepTenants { get; init; } = 10_000;

    public bool Quick { get; init; }

    public bool Verbose { get; init; }

    public bool KeepDatabases { get; init; }

    public IReadOnlySet<string> Scenarios { get; init; } = new HashSet<string>(["single", "large", "many"], StringComparer.Ordinal);

    public IReadOnlyDictionary<string, string> WorkerSettings { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The options, or null with <paramref name="error"/> set when the arguments are wrong.</summary>
    public static BenchmarkOptions? Parse(IReadOnlyList<string> args, out string? error)
    {
        var options = args.Contains("--quick")
            ? new BenchmarkOptions { Quick = true, Devices = 1_000, LargeDevices = 5_000, Tenants = 4, TenantDevices = 200, SweepTenants = 1_000 }
            : new BenchmarkOptions();
        var workerSettings = new Dictionary<string, string>(StringComparer.Ordinal);
        error = null;
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (name == "--quick")
            {
                continue;
            }

            if (name is "--verbose" or "--keep-databases")
            {
                options = name == "--verbose" ? options with { Verbose = true } : options with { KeepDatabases = true };
                continue;
            }

            if (i + 1 >= args.Count)
            {
                error = $"{name} needs a value (or is unknown).";
                return null;
            }

            var value = args[++i];
            options = name switch
            {
                "--devices" => options with { Devices = Positive(name, value, ref error) },
                "--large-devices" => options with { LargeDevices = Positive(name, value, ref error) },
                "--findings-per-device" => options with { FindingsPerDevice = Positive(name, value, ref error) },
                "--tenants" => options with { Tenants = Positive(name, value, ref error) },
                "--tenant-devices" => options with { TenantDevices = Positive(name, value, ref error) },
                "--sweep-tenants" => options with { SweepTenants = Positive(name, value, ref error) },
                "--page-size" => options with { PageSize = Math.Min(Positive(name, value, ref error), SourceConfiguration.MaxPageSize) },
                "--scenarios" => options with { Scenarios = value.Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal) },
                "--worker-setting" => AddSetting(options, workerSettings, value, ref error),
                _ => Unknown(options, name, ref error),
            };
            if (error is not null)
            {
                return null;
            }
        }

        return options with { WorkerSettings = workerSettings };
    }

    public string Describe() =>
        $"devices {Devices:N0} / large {LargeDevices:N0} / {Tenants} tenants of {TenantDevices:N0}, " +
        $"{FindingsPerDevice} findings per device, page size {PageSize:N0}" +
        (WorkerSettings.Count == 0 ? string.Empty : ", worker settings " + string.Join(' ', WorkerSettings.Select(s => $"{s.Key}={s.Value}")));

    private static int Positive(string name, string value, ref string? error)
    {
        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0)
        {
            return number;
        }

        error = $"{name} must be a positive whole number; got \"{value}\".";
        return 0;
    }

    private static BenchmarkOptions AddSetting(BenchmarkOptions options, Dictionary<string, string> settings, string value, ref string? error)
    {
        var separator = value.IndexOf('=', StringComparison.Ordinal);
        if (separator <= 0)
        {
            error = $"--worker-setting takes KEY=VALUE; got \"{value}\".";
            return options;
        }

        settings[value[..separator]] = value[(separator + 1)..];
        return options;
    }

    private static BenchmarkOptions Unknown(BenchmarkOptions options, string name, ref string? error)
    {
        error = $"Unknown option {name}.";
        return options;
    }
}
