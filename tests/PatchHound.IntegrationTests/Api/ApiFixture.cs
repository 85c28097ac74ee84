using System.Net;
using System.Net.Http.Json;
using PatchHound.Core.Identity;
using PatchHound.Core.Tenancy;
using PatchHound.IntegrationTests.Harness;
using PatchHound.IntegrationTests.Hosting;

namespace PatchHound.IntegrationTests.Api;

/// <summary>
/// The API in process on a fresh database with two tenants (A: Enterprise, B: Free), one user per tenant role in
/// each, and a platform operator who belongs to no tenant. Clients sign in with the dev sign-in (cookie).
/// </summary>
public class ApiFixture : IAsyncLifetime
{
    public const string OperatorEmail = "operator@api.test";

    private TestDatabase? database;
    private ApiHostFactory? api;

    public TestDatabase Database => database ?? throw new InvalidOperationException("Not initialized.");

    public ApiHostFactory Api => api ?? throw new InvalidOperationException("Not initialized.");

    public ApiTenant TenantA { get; private set; } = null!;

    public ApiTenant TenantB { get; private set; } = null!;

    public virtual async Task InitializeAsync()
    {
        database = await TestDatabase.CreateMigratedAsync();
        TenantA = await SeedTenantAsync("tenant-a", TenantEdition.Enterprise);
        TenantB = await SeedTenantAsync("tenant-b", TenantEdition.Free);
        await using (var db = Database.AppContext())
        {
            var op = new User(OperatorEmail, "Operator", DateTimeOffset.UtcNow);
            op.GrantPlatformOperator();
            db.Users.Add(op);
            await db.SaveChangesAsync();
        }

        api = new ApiHostFactory(Settings());
    }

    public virtual async Task DisposeAsync()
    {
        if (api is not null)
        {
            await api.DisposeAsync();
        }

        if (database is not null)
        {
            await database.DisposeAsync();
        }
    }

    /// <summary>A client signed in as the user with this email.</summary>
    public async Task<HttpClient> ClientAsync(string email)
    {
        var client = Api.CreateClient();
        var signIn = await client.PostAsJsonAsync("/auth/dev/sign-in", new { email });
        signIn.StatusCode.Should().Be(HttpStatusCode.NoContent, $"the dev sign-in of {email} must succeed");
        return client;
    }

    protected virtual Dictionary<string, string?> Settings() => new()
    {
        ["ConnectionStrings:PatchHound"] = Database.AppConnectionString(),
        ["Authentication:DevSignInEnabled"] = "true",

        // Suites that call hundreds of endpoints would trip the per-caller limits; the rate-limiting suite turns it on.
        ["RateLimiting:Enabled"] = "false",
    };

    private async Task<ApiTenant> SeedTenantAsync(string slug, TenantEdition edition)
    {
        var now = DateTimeOffset.UtcNow;
        var tenant = new Tenant(slug, slug.ToUpperInvariant(), edition, now);
        var users = new[] { TenantRole.TenantAdmin, TenantRole.Analyst, TenantRole.Auditor }
            .ToDictionary(role => role, role => new User($"{role.ToString().ToLowerInvariant()}@{slug}.test", $"{role} of {slug}", now));
        await using (var db = Database.AppContext())
        {
            db.Tenants.Add(tenant);
            db.Users.AddRange(users.Values);
            await db.SaveChangesAsync();
        }

        await using (var db = Database.AppContext(TestDatabaseContexts.ForTenant(tenant.Id)))
        {
            db.TenantMemberships.AddRange(users.Select(u => new TenantMembership(tenant.Id, u.Value.Id, u.Key)));
            await db.SaveChangesAsync();
        }

        return new ApiTenant(tenant.Id, slug, users[TenantRole.TenantAdmin].Email, users[TenantRole.Analyst].Email, users[TenantRole.Auditor].Email);
    }
}
