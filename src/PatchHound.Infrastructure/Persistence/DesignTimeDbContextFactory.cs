using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using PatchHound.Infrastructure.Tenancy;

namespace PatchHound.Infrastructure.Persistence;

/// <summary>Used by <c>dotnet ef migrations add</c>; no database is contacted to create migrations.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<PatchHoundDbContext>
{
    public PatchHoundDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<PatchHoundDbContext>()
            .UsePatchHoundPostgres("Host=localhost;Database=patchhound_design")
            .Options;
        return new PatchHoundDbContext(options, new TenantContext());
    }
}
