using System.Globalization;
using Npgsql;
using PatchHound.Infrastructure.Persistence;
using PatchHound.IntegrationTests.Harness;

namespace PatchHound.ApiBenchmarks;

/// <summary>
/// Findings list under load: the API over real HTTP (in-process Kestrel), then the same SQL batches straight on PostgreSQL,
/// each with the same number of closed-loop clients for the same time, on one freshly seeded tenant. Prints figures;
/// asserts nothing.
/// </summary>
internal static class BenchmarkMain
{
    public const string HttpFloorPath = "/health/live";

    public static async Task<int> Main(string[] args)
    {
        var options = BenchmarkOptions.Parse(args);
        var scenarios = Scenario.All.Where(s => options.Scenario == "all" || s.Name == options.Scenario).ToList();
        Console.WriteLine($"Seeding {options.Findings:N0} findings on {options.Devices:N0} devices (proposed indexes: {options.WithProposedIndexes})...");
        var fixture = new BenchmarkApiFixture(options);
        await fixture.InitializeAsync();
        try
        {
            using var capture = new SqlCapture();
            using var client = await fixture.SignedInClientAsync(fixture.BaseAddress, options.Clients);
            await using var dataSource = NpgsqlDataSource.Create(ConnectionDefaults.Apply(fixture.Database.AppConnectionString()));
            var direct = new DirectQueries(dataSource);
            var rows = new List<ResultRow>();
            if (options.TelemetryOverhead)
            {
                var scenario = scenarios[0];
                var pages = await WalkAsync(client, capture, $"/api/tenants/{fixture.TenantA.Slug}/findings?{scenario.Query}");
                await TelemetryOverhead.RunAsync(options, fixture, client, pages, operation => MeasureAsync(options, operation));
                return 0;
            }

            foreach (var scenario in scenarios)
            {
                var pages = await WalkAsync(client, capture, $"/api/tenants/{fixture.TenantA.Slug}/findings?{scenario.Query}");
                Console.WriteLine($"[{scenario.Name}] {scenario.Query}: {pages.Count} pages");
                await PrintPlansAsync(direct, pages);

                var viaApi = await MeasureAsync(options, async (i, ct) =>
                {
                    using var response = await client.GetAsync(pages[i % pages.Count].Url, ct);
                    response.EnsureSuccessStatusCode();
                    await response.Content.ReadAsByteArrayAsync(ct);
                });
                var viaSql = await MeasureAsync(options, (i, ct) => direct.RunAsync(pages[i % pages.Count].Batches, ct));
                rows.Add(new ResultRow(scenario, viaApi, viaSql));
            }

            // What HTTP alone costs here: the same clients and pipeline on an endpoint that does no work of its own.
            var floor = await MeasureAsync(options, async (_, ct) =>
            {
                using var response = await client.GetAsync(HttpFloorPath, ct);
                response.EnsureSuccessStatusCode();
                await response.Content.ReadAsByteArrayAsync(ct);
            });
            await ResultTable.PrintAsync(options, args, fixture.Database, rows, floor);
            return 0;
        }
        finally
        {
            await fixture.DisposeAsync();
        }
    }

    private static Task<LatencySummary> MeasureAsync(BenchmarkOptions options, Func<int, CancellationToken, Task> operation) =>
        LoadRun.MeasureAsync(options.Clients, TimeSpan.FromSeconds(options.WarmupSeconds), TimeSpan.FromSeconds(options.Seconds), operation);

    /// <summary>Every page of the list, one after the other, with the SQL each page ran: the mix both load phases replay.</summary>
    private static async Task<List<BenchmarkPage>> WalkAsync(HttpClient client, SqlCapture capture, string firstPage)
    {
        var pages = new List<BenchmarkPage>();
        var url = firstPage;
        capture.Enabled = true;
        capture.Drain();
        while (true)
        {
            using var response = await client.GetAsync(url);
            response.EnsureSuccessStatusCode();
            using var page = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            pages.Add(new BenchmarkPage(url, capture.Drain()));
            if (page.RootElement.GetProperty("nextCursor").GetString() is not { } cursor)
            {
                capture.Enabled = false;
                return pages;
            }

            url = $"{firstPage}&cursor={Uri.EscapeDataString(cursor)}";
        }
    }

    private static async Task PrintPlansAsync(DirectQueries direct, List<BenchmarkPage> pages)
    {
        foreach (var (name, index) in new[] { ("first", 0), ("middle", pages.Count / 2), ("last", pages.Count - 1) })
        {
            var plan = await direct.ExplainAsync(pages[index].Batches);
            var times = plan.Where(l => l.StartsWith("Execution Time", StringComparison.Ordinal));
            Console.WriteLine($"  {name} page: {string.Join("; ", times)}");
            if (index == pages.Count / 2)
            {
                plan.ForEach(l => Console.WriteLine("    " + l));
            }
        }
    }

    internal static string Ms(double value) => value.ToString("0.0", CultureInfo.InvariantCulture);
}
