using System.Globalization;

namespace PatchHound.ApiBenchmarks;

/// <summary>
/// Command line: --clients 32 --seconds 30 --warmup 10 --devices 2000 --per-device 25 --with-proposed-indexes
/// --scenario default|severity|all --telemetry-overhead (the scenario on a host without telemetry and one exporting
/// OTLP to a local sink, in turn; issue 16).
/// </summary>
internal sealed record BenchmarkOptions(int Clients, int Seconds, int WarmupSeconds, int Devices, int FindingsPerDevice, bool WithProposedIndexes, string Scenario)
{
    public bool TelemetryOverhead { get; init; }

    public int Findings => Devices * FindingsPerDevice;

    public static BenchmarkOptions Parse(string[] args)
    {
        var options = new BenchmarkOptions(Clients: 32, Seconds: 30, WarmupSeconds: 10, Devices: 2000, FindingsPerDevice: 25, WithProposedIndexes: false, Scenario: "all");
        for (var i = 0; i < args.Length; i++)
        {
            options = args[i] switch
            {
                "--clients" => options with { Clients = Number(args, ++i) },
                "--seconds" => options with { Seconds = Number(args, ++i) },
                "--warmup" => options with { WarmupSeconds = Number(args, ++i) },
                "--devices" => options with { Devices = Number(args, ++i) },
                "--per-device" => options with { FindingsPerDevice = Number(args, ++i) },
                "--with-proposed-indexes" => options with { WithProposedIndexes = true },
                "--scenario" => options with { Scenario = args[++i] },
                "--telemetry-overhead" => options with { TelemetryOverhead = true },
                _ => throw new ArgumentException($"Unknown argument {args[i]}; see {nameof(BenchmarkOptions)}."),
            };
        }

        return options;
    }

    private static int Number(string[] args, int i) => int.Parse(args[i], CultureInfo.InvariantCulture);
}
