using Microsoft.Extensions.Options;
using PatchHound.Infrastructure.Persistence;
using PatchHound.Infrastructure.Sweeps;

namespace PatchHound.IntegrationTests.Sweeps;

/// <summary>A <see cref="DueTenants"/> on a context with no tenant, as the sweeps' fan-out uses it, at a fixed instant.</summary>
internal sealed class DueTenantsScope(PatchHoundDbContext db, DateTimeOffset now) : IAsyncDisposable
{
    public DueTenants Due { get; } = new(db, new FixedTimeProvider(now), Options.Create(new SweepOptions()));

    public ValueTask DisposeAsync() => db.DisposeAsync();
}
