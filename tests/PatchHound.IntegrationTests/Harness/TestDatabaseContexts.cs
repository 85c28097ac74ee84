using Microsoft.EntityFrameworkCore;
using PatchHound.Infrastructure.Persistence;
using PatchHound.Infrastructure.Tenancy;

namespace PatchHound.IntegrationTests.Harness;

/// <summary>DbContexts on a test database, configured exactly as the hosts configure them.</summary>
public static class TestDatabaseContexts
{
    /// <summary>The application login: both isolation walls apply.</summary>
    public static string AppConnectionString(this TestDatabase database) =>
        database.ConnectionString(SchemaSetup.AppLogin, SchemaSetup.AppPassword);

    public static PatchHoundDbContext AppContext(this TestDatabase database, TenantContext? tenant = null) =>
        Create(ConnectionDefaults.Apply(database.AppConnectionString()), tenant);

    /// <summary>The superuser: PostgreSQL skips row-level security, so only the EF filter applies.</summary>
    public static PatchHoundDbContext OwnerContext(this TestDatabase database, TenantContext? tenant = null) =>
        Create(database.OwnerConnectionString, tenant);

    public static TenantContext ForTenant(Guid tenantId)
    {
        var context = new TenantContext();
        context.Enter(tenantId);
        return context;
    }

    public static PatchHoundDbContext Create(string connectionString, TenantContext? tenant) =>
        new(new DbContextOptionsBuilder<PatchHoundDbContext>().UsePatchHoundPostgres(connectionString).Options,
            tenant ?? new TenantContext());
}
