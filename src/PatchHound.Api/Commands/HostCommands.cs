using PatchHound.Infrastructure.Demo;
using PatchHound.Infrastructure.Persistence;

namespace PatchHound.Api.Commands;

/// <summary>
/// One-shot commands of the API host: <c>migrate</c> applies the schema under the migration lock;
/// <c>seed-demo</c> migrates and seeds the demo tenant. Both use the host's configuration.
/// </summary>
internal static class HostCommands
{
    private const string Migrate = "migrate";
    private const string SeedDemo = "seed-demo";

    public static bool IsCommand(string[] args) => args.Length > 0 && args[0] is Migrate or SeedDemo;

    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(HostCommands));
        using var cancellation = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancellation.Cancel();
        };

        try
        {
            var result = await app.Services.GetRequiredService<DatabaseMigrator>()
                .MigrateAsync(app.Configuration.MigrationsConnectionString(), cancellation.Token);
            Console.WriteLine(result.AppliedAny
                ? $"migrate: applied {result.Applied.Count} migration(s)"
                : "migrate: schema already up to date");

            if (args[0] == SeedDemo)
            {
                await using var scope = app.Services.CreateAsyncScope();
                var seeded = await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(cancellation.Token);
                Console.WriteLine($"seed-demo: tenant '{seeded.Slug}' ready");
            }

            return 0;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogCritical(e, "Command {Command} failed", args[0]);
            return 1;
        }
    }
}
