using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Npgsql.EntityFrameworkCore.PostgreSQL.Infrastructure;

namespace PatchHound.Infrastructure.Persistence;

/// <summary>The one place that says how PatchHound talks to PostgreSQL, for hosts, migrator and tools.</summary>
public static class DbContextOptionsSetup
{
    public static DbContextOptionsBuilder<TContext> UsePatchHoundPostgres<TContext>(this DbContextOptionsBuilder<TContext> builder, string connectionString)
        where TContext : DbContext =>
        builder.UseNpgsql(connectionString, Npgsql).WithPatchHoundConventions();

    /// <summary>On the hosts' shared data source, so EF and hand-written reads draw from one connection pool.</summary>
    public static DbContextOptionsBuilder<TContext> UsePatchHoundPostgres<TContext>(this DbContextOptionsBuilder<TContext> builder, DbDataSource dataSource)
        where TContext : DbContext =>
        builder.UseNpgsql(dataSource, Npgsql).WithPatchHoundConventions();

    private static void Npgsql(NpgsqlDbContextOptionsBuilder npgsql) => npgsql.MigrationsHistoryTable("__EFMigrationsHistory");

    private static DbContextOptionsBuilder<TContext> WithPatchHoundConventions<TContext>(this DbContextOptionsBuilder<TContext> builder)
        where TContext : DbContext =>
        builder.UseSnakeCaseNamingConvention().AddInterceptors(new TenantScopeCommands(), new TenantScopeTransactions(), new TenantScopeSaves(), new TenantWriteGuard());
}
