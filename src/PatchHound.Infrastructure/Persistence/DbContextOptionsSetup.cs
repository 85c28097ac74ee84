using Microsoft.EntityFrameworkCore;

namespace PatchHound.Infrastructure.Persistence;

/// <summary>The one place that says how PatchHound talks to PostgreSQL, for hosts, migrator and tools.</summary>
public static class DbContextOptionsSetup
{
    public static DbContextOptionsBuilder<TContext> UsePatchHoundPostgres<TContext>(this DbContextOptionsBuilder<TContext> builder, string connectionString)
        where TContext : DbContext =>
        builder
            .UseNpgsql(connectionString, npgsql => npgsql.MigrationsHistoryTable("__EFMigrationsHistory"))
            .UseSnakeCaseNamingConvention()
            .AddInterceptors(new TenantSessionInterceptor(), new TenantWriteGuard());
}
