using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using PatchHound.IntegrationTests.Harness;

namespace PatchHound.IntegrationTests.Api.Config;

/// <summary>An installation without <c>SecretStore:Provider</c>: sources work, setting a credential says why it cannot.</summary>
public sealed class SourceCredentialsWithoutStoreTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task Setting_a_credential_without_a_secret_store_is_refused_with_503_and_changes_nothing()
    {
        var admin = await fixture.ClientAsync(fixture.TenantA.AdminEmail);
        var sourceId = await SourcesApiTests.CreateAsync(admin, fixture.TenantA, "No store here");

        var response = await admin.PutAsJsonAsync($"/api/tenants/{fixture.TenantA.Slug}/sources/{sourceId}/credentials",
            new { tenantId = "t", clientId = "c", clientSecret = "never-stored" });

        (await response.ShouldBeProblemAsync(HttpStatusCode.ServiceUnavailable)).GetProperty("detail").GetString().Should().Contain("SecretStore:Provider");
        await using var db = fixture.Database.AppContext(TestDatabaseContexts.ForTenant(fixture.TenantA.Id));
        (await db.SourceConfigurations.SingleAsync(s => s.Id == sourceId)).CredentialReference.Should().BeNull();
        (await db.EncryptedSecrets.AnyAsync()).Should().BeFalse();
        (await AuditEntries.ForAsync(fixture.Database, fixture.TenantA.Id, sourceId.ToString())).Select(a => a.Action).Should().Equal("source.created");
    }
}
