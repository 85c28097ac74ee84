using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using PatchHound.Infrastructure.Defender;
using PatchHound.Infrastructure.Secrets;
using PatchHound.IntegrationTests.Harness;

namespace PatchHound.IntegrationTests.Api.Config;

/// <summary>
/// A source credential set through the API: it reaches the worker's resolver intact, and in clear text nowhere else —
/// no response, no log event of the API host (everything logged, EF Core and ASP.NET Core at Verbose), no column of
/// any table.
/// </summary>
public sealed class SourceCredentialsTests(VerboseConfigApiFixture fixture) : IClassFixture<VerboseConfigApiFixture>
{
    private const string EntraTenant = "8a6f1c2e-0000-4000-8000-0000000000aa";

    [Fact]
    public async Task A_credential_round_trips_to_the_worker_and_its_secret_shows_in_no_response_log_or_column()
    {
        var admin = await fixture.SignInAsync(fixture.TenantA.AdminEmail);
        var sourceId = await SourcesApiTests.CreateAsync(admin, fixture.TenantA, "Defender with a secret");
        var path = $"/api/tenants/{fixture.TenantA.Slug}/sources/{sourceId}";
        var secret = Secret();
        var replacement = Secret();
        var inMalformedBody = Secret();
        var oversized = string.Concat(Enumerable.Repeat(Secret(), 120));
        var bodies = new List<string>();

        var set = await admin.PutAsJsonAsync($"{path}/credentials", new { tenantId = EntraTenant, clientId = "patchhound-app", clientSecret = secret });
        bodies.Add(await set.Content.ReadAsStringAsync());
        var afterSet = await set.ShouldBeAsync(HttpStatusCode.OK);
        var reference = await ReferenceAsync(sourceId);
        await using var worker = WorkerSecretResolver.For(fixture.Database, ConfigApiFixture.KeyId, fixture.Key);
        var resolved = DefenderCredentialDocument.Parse(await worker.Resolver.ResolveAsync(fixture.TenantA.Id, reference, default), reference, requireSecret: true);

        afterSet.GetProperty("hasCredentials").GetBoolean().Should().BeTrue();
        afterSet.GetProperty("credentialsSetAt").GetDateTimeOffset().Should().BeCloseTo(DateTimeOffset.UtcNow, TimeSpan.FromMinutes(1));
        reference.Should().Be($"store://source-{sourceId:N}");
        (resolved.TenantId, resolved.ClientId, resolved.ClientSecret).Should().Be((EntraTenant, "patchhound-app", secret));
        await ShouldBeSealedAsync(sourceId, expectedPlaintextLength: (await worker.Resolver.ResolveAsync(fixture.TenantA.Id, reference, default)).Length);

        var replaced = await admin.PutAsJsonAsync($"{path}/credentials", new { tenantId = EntraTenant, clientId = "patchhound-app", clientSecret = replacement });
        bodies.Add(await replaced.Content.ReadAsStringAsync());
        await replaced.ShouldBeAsync(HttpStatusCode.OK);
        var malformed = await admin.PutRawAsync($"{path}/credentials", $"{{\"tenantId\": 5, \"clientId\": \"x\", \"clientSecret\": \"{inMalformedBody}\"}}");
        bodies.Add(await malformed.Content.ReadAsStringAsync());
        await malformed.ShouldHaveFieldErrorAsync("tenantId");
        var tooLong = await admin.PutAsJsonAsync($"{path}/credentials", new { tenantId = EntraTenant, clientId = "x", clientSecret = oversized });
        bodies.Add(await tooLong.Content.ReadAsStringAsync());
        await tooLong.ShouldHaveFieldErrorAsync("clientSecret");
        foreach (var reader in new[] { admin, await fixture.SignInAsync(fixture.TenantA.AnalystEmail), await fixture.SignInAsync(fixture.TenantA.AuditorEmail) })
        {
            bodies.Add(await (await reader.GetAsync(path)).Content.ReadAsStringAsync());
            bodies.Add(await (await reader.GetAsync($"/api/tenants/{fixture.TenantA.Slug}/sources?limit=500")).Content.ReadAsStringAsync());
        }

        var resolvedAgain = DefenderCredentialDocument.Parse(await worker.Resolver.ResolveAsync(fixture.TenantA.Id, reference, default), reference, true);
        resolvedAgain.ClientSecret.Should().Be(replacement, "a second PUT replaces the value in place");
        (await ReferenceAsync(sourceId)).Should().Be(reference);
        bodies.Should().HaveCount(10).And.OnlyContain(b => b.Contains("hasCredentials") || b.Contains("errors"));
        bodies[^1].Should().Contain("\"hasCredentials\":true");
        fixture.Logs.AllText.Should().Contain("Sealed secret").And.Contain($"source-{sourceId:N}", "the capture must see the API host's own log events");
        fixture.Logs.AllText.Should().Contain("Executed DbCommand").And.Contain("INSERT INTO encrypted_secrets", "EF Core's command log is captured too");
        foreach (var value in new[] { secret, replacement, inMalformedBody, oversized[..40] })
        {
            bodies.Should().NotContain(b => b.Contains(value, StringComparison.Ordinal));
            fixture.Logs.AllText.Should().NotContain(value);
            (await DatabaseScan.FindAsync(fixture.Database, value)).Should().BeEmpty($"no column may hold {value} in clear text");
        }
    }

    [Fact]
    public async Task Removing_the_credential_deletes_the_secret_so_the_worker_can_no_longer_resolve_it()
    {
        var admin = await fixture.SignInAsync(fixture.TenantA.AdminEmail);
        var sourceId = await SourcesApiTests.CreateAsync(admin, fixture.TenantA, "Defender to forget");
        var path = $"/api/tenants/{fixture.TenantA.Slug}/sources/{sourceId}";
        await (await admin.PutAsJsonAsync($"{path}/credentials", new { tenantId = EntraTenant, clientId = "app", clientSecret = Secret() }))
            .ShouldBeAsync(HttpStatusCode.OK);
        var reference = await ReferenceAsync(sourceId);

        await (await admin.DeleteAsync($"{path}/credentials")).ShouldBeAsync(HttpStatusCode.NoContent);
        await (await admin.DeleteAsync($"{path}/credentials")).ShouldBeAsync(HttpStatusCode.NoContent);

        var source = await (await admin.GetAsync(path)).ShouldBeAsync(HttpStatusCode.OK);
        source.GetProperty("hasCredentials").GetBoolean().Should().BeFalse();
        source.GetProperty("credentialsSetAt").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null);
        (await ReferenceAsync(sourceId, allowNull: true)).Should().BeNull();
        await using (var owner = fixture.Database.OwnerContext())
        {
            (await owner.EncryptedSecrets.IgnoreQueryFilters().AnyAsync(s => s.Name == $"source-{sourceId:N}")).Should().BeFalse();
        }

        await using var worker = WorkerSecretResolver.For(fixture.Database, ConfigApiFixture.KeyId, fixture.Key);
        var resolve = () => worker.Resolver.ResolveAsync(fixture.TenantA.Id, reference, default);
        (await resolve.Should().ThrowAsync<SecretResolutionException>()).Which.Message.Should().Contain("does not exist");
        (await AuditEntries.ForAsync(fixture.Database, fixture.TenantA.Id, sourceId.ToString())).Select(a => a.Action)
            .Should().Equal("source.created", "source.credentials_set", "source.credentials_removed");
    }

    [Fact]
    public async Task One_tenants_store_secret_cannot_be_resolved_for_another_tenant()
    {
        var admin = await fixture.SignInAsync(fixture.TenantA.AdminEmail);
        var sourceId = await SourcesApiTests.CreateAsync(admin, fixture.TenantA, "Defender of A");
        await (await admin.PutAsJsonAsync($"/api/tenants/{fixture.TenantA.Slug}/sources/{sourceId}/credentials",
            new { tenantId = EntraTenant, clientId = "app", clientSecret = Secret() })).ShouldBeAsync(HttpStatusCode.OK);
        var reference = await ReferenceAsync(sourceId);
        await using var worker = WorkerSecretResolver.For(fixture.Database, ConfigApiFixture.KeyId, fixture.Key);

        var asTenantB = () => worker.Resolver.ResolveAsync(fixture.TenantB.Id, reference, default);

        (await asTenantB.Should().ThrowAsync<SecretResolutionException>()).Which.Message.Should().Be($"The secret {reference} does not exist.");
    }

    private static string Secret() => $"Sec{Guid.NewGuid():N}Ret";

    private async Task<string> ReferenceAsync(Guid sourceId) => (await ReferenceAsync(sourceId, allowNull: false))!;

    private async Task<string?> ReferenceAsync(Guid sourceId, bool allowNull)
    {
        await using var db = fixture.Database.AppContext(TestDatabaseContexts.ForTenant(fixture.TenantA.Id));
        var reference = await db.SourceConfigurations.Where(s => s.Id == sourceId).Select(s => s.CredentialReference).SingleAsync();
        if (!allowNull)
        {
            reference.Should().NotBeNull();
        }

        return reference;
    }

    private async Task ShouldBeSealedAsync(Guid sourceId, int expectedPlaintextLength)
    {
        await using var owner = fixture.Database.OwnerContext(TestDatabaseContexts.ForTenant(fixture.TenantA.Id));
        var row = await owner.EncryptedSecrets.AsNoTracking().SingleAsync(s => s.Name == $"source-{sourceId:N}");
        row.KeyId.Should().Be(ConfigApiFixture.KeyId);
        row.Nonce.Should().HaveCount(SecretSealer.NonceBytes);
        row.Ciphertext.Should().HaveCount(expectedPlaintextLength + SecretSealer.TagBytes, "AES-GCM ciphertext is as long as the plaintext, plus the tag");
    }
}
