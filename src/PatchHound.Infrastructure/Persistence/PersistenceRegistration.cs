using Azure.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using PatchHound.Infrastructure.Caching;
using PatchHound.Infrastructure.Demo;
using PatchHound.Infrastructure.Leases;
using PatchHound.Infrastructure.Tenancy;
using PatchHound.ServiceDefaults;

namespace PatchHound.Infrastructure.Persistence;

public static class PersistenceRegistration
{
    public static IHostApplicationBuilder AddPatchHoundPersistence(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<DatabaseOptions>()
            .Bind(builder.Configuration.GetSection(DatabaseOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        builder.Services.AddScoped<TenantContext>();

        // The one pool of application connections: EF, hand-written reads (TenantSql), leases and Hangfire's storage,
        // sized by the host role's connection budget.
        var pooled = builder.ProcessConnectionString();
        builder.AddPostgresEntraCredential();
        builder.Services.AddSingleton(services => PostgresDataSources.Create(pooled, services.GetService<PostgresEntraCredential>()));
        builder.Services.AddScoped<TenantSql>();
        builder.Services.AddJobLeases();
        // The options are built once (their parts are singletons and the interceptors keep no per-context state);
        // each request then only constructs its context.
        builder.Services.AddDbContext<PatchHoundDbContext>(
            (services, options) =>
                ((DbContextOptionsBuilder<PatchHoundDbContext>)options).UsePatchHoundPostgres(services.GetRequiredService<NpgsqlDataSource>())
                    .AddInterceptors(new LocalCacheEviction(services.GetRequiredService<CacheChangeFeed>())),
            contextLifetime: ServiceLifetime.Scoped,
            optionsLifetime: ServiceLifetime.Singleton);
        builder.Services.TryAddSingletonTimeProvider();
        builder.Services.AddScoped<PlatformAccess>();
        builder.AddChangeNotifiedCaching();
        builder.Services.AddSingleton<TenantDirectory>();
        builder.Services.AddScoped<TenantScope>();
        builder.Services.AddSingleton<DatabaseMigrator>();
        builder.Services.AddOptions<DemoOptions>().Bind(builder.Configuration.GetSection(DemoOptions.Section));
        builder.Services.AddScoped<DemoSeeder>();
        builder.Services.AddHealthChecks()
            .AddCheck<DatabaseReadinessCheck>("postgresql", tags: [ServiceDefaultsExtensions.ReadyTag]);
        return builder;
    }

    /// <summary>The application login the hosts serve with (row-level security applies), with <see cref="ConnectionDefaults"/>.</summary>
    public static string ApplicationConnectionString(this IConfiguration configuration) =>
        ConnectionDefaults.Apply(configuration.GetConnectionString(DatabaseOptions.ApplicationConnectionName)
            ?? throw new InvalidOperationException($"ConnectionStrings:{DatabaseOptions.ApplicationConnectionName} is not configured."));

    /// <summary>
    /// The application connection string with this process's <see cref="ConnectionBudget"/> (<c>Database:Pools:{role}</c>)
    /// and Application Name applied.
    /// </summary>
    public static string ProcessConnectionString(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = builder.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var role = HostRole.Of(builder.Environment);
        var name = string.IsNullOrWhiteSpace(options.ApplicationName) ? HostRole.DefaultApplicationName(role) : options.ApplicationName;
        // The configured string itself: what it says wins, and what it leaves out gets this process's defaults.
        var configured = builder.Configuration.GetConnectionString(DatabaseOptions.ApplicationConnectionName)
            ?? throw new InvalidOperationException($"ConnectionStrings:{DatabaseOptions.ApplicationConnectionName} is not configured.");
        return ConnectionDefaults.Apply(configured, options.BudgetOf(role), name, options.Pooler, role);
    }

    /// <summary>
    /// Where this process's listening connection goes: its <see cref="ProcessConnectionString"/>, or behind a
    /// transaction-mode pooler <c>ConnectionStrings:PatchHoundDirect</c> (same Application Name), since LISTEN needs
    /// a session of its own.
    /// </summary>
    public static string ListeningConnectionString(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var process = builder.ProcessConnectionString();
        var options = builder.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        if (options.Pooler == ConnectionPooler.None)
        {
            return process;
        }

        var direct = builder.Configuration.GetConnectionString(DatabaseOptions.DirectConnectionName)
            ?? throw new InvalidOperationException(
                $"Database:Pooler is {options.Pooler}: ConnectionStrings:{DatabaseOptions.DirectConnectionName} (straight to PostgreSQL, for LISTEN) is not configured.");
        return new NpgsqlConnectionStringBuilder(direct)
        {
            ApplicationName = new NpgsqlConnectionStringBuilder(process).ApplicationName,
        }.ConnectionString;
    }

    public static string MigrationsConnectionString(this IConfiguration configuration) =>
        configuration.GetConnectionString(DatabaseOptions.MigrationsConnectionName)
        ?? throw new InvalidOperationException(
            $"ConnectionStrings:{DatabaseOptions.MigrationsConnectionName} (the schema owner) is not configured.");

    /// <summary>With <c>Database:Authentication</c> Entra, the credential of the process (unless a test registered one).</summary>
    private static void AddPostgresEntraCredential(this IHostApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        if (options.Authentication == DatabaseAuthentication.Entra && builder.Services.All(d => d.ServiceType != typeof(PostgresEntraCredential)))
        {
            builder.Services.AddSingleton(_ => new PostgresEntraCredential(new DefaultAzureCredential()));
        }
    }

    private static void TryAddSingletonTimeProvider(this IServiceCollection services)
    {
        if (services.All(d => d.ServiceType != typeof(TimeProvider)))
        {
            services.AddSingleton(TimeProvider.System);
        }
    }
}
