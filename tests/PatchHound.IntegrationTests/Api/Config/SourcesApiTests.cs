using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PatchHound.Core.Ingestion;
using PatchHound.Core.Sources;
using PatchHound.IntegrationTests.Harness;

namespace PatchHound.IntegrationTests.Api.Config;

[Collection(ConfigApiCollection.Name)]
public sealed class SourcesApiTests(ConfigApiFixture fixture)
{
    private static readonly object Credentials = new { tenantId = "contoso.onmicrosoft.com", clientId = "app", clientSecret = "not-checked-here" };

    private static string SourcesOf(ApiTenant tenant) => $"/api/tenants/{tenant.Slug}/sources";

    [Fact]
    public async Task An_admin_creates_updates_reads_and_lists_a_source_and_each_change_is_audited()
    {
        var admin = await fixture.SignInAsync(fixture.TenantA.AdminEmail);
        var name = $"Defender {Guid.NewGuid():N}";

        var create = await admin.PostAsJsonAsync(SourcesOf(fixture.TenantA), new
        {
            kind = "Defender",
            name,
            cronSchedule = "0 */6 * * *",
            baseUrl = "https://api.securitycenter.microsoft.com",
        });
        var created = await create.ShouldBeAsync(HttpStatusCode.Created);
        var id = created.GetProperty("id").GetGuid();
        var update = await admin.PutAsJsonAsync($"{SourcesOf(fixture.TenantA)}/{id}", new
        {
            name = name + " (EU)",
            cronSchedule = "30 2 * * *",
            baseUrl = "https://eu.api.security.microsoft.com",
            pageSize = 500,
            enabled = false,
        });
        var read = await (await admin.GetAsync($"{SourcesOf(fixture.TenantA)}/{id}")).ShouldBeAsync(HttpStatusCode.OK);

        create.Headers.Location!.ToString().Should().Be($"{SourcesOf(fixture.TenantA)}/{id}");
        created.GetProperty("pageSize").GetInt32().Should().Be(SourceConfiguration.DefaultPageSize);
        created.GetProperty("enabled").GetBoolean().Should().BeTrue();
        created.GetProperty("hasCredentials").GetBoolean().Should().BeFalse();
        created.GetProperty("credentialsSetAt").ValueKind.Should().Be(JsonValueKind.Null);
        (await update.ShouldBeAsync(HttpStatusCode.OK)).GetProperty("name").GetString().Should().Be(name + " (EU)");
        read.GetProperty("name").GetString().Should().Be(name + " (EU)");
        read.GetProperty("kind").GetString().Should().Be("Defender");
        read.GetProperty("cronSchedule").GetString().Should().Be("30 2 * * *");
        read.GetProperty("baseUrl").GetString().Should().Be("https://eu.api.security.microsoft.com");
        read.GetProperty("pageSize").GetInt32().Should().Be(500);
        read.GetProperty("enabled").GetBoolean().Should().BeFalse();
        var listed = await ListAllAsync(admin, fixture.TenantA);
        listed.Should().ContainSingle(s => s.GetProperty("id").GetGuid() == id);
        var audit = await AuditEntries.ForAsync(fixture.Database, fixture.TenantA.Id, id.ToString());
        audit.Select(a => a.Action).Should().Equal("source.created", "source.updated");
        audit.Should().OnlyContain(a => a.EntityType == "source_configuration" && a.Actor.StartsWith("user:"));
        audit[1].Before.Should().Contain("0 */6 * * *");
        audit[1].After.Should().Contain("30 2 * * *");
    }

    [Fact]
    public async Task The_source_list_pages_by_name_with_a_cursor()
    {
        var admin = await fixture.SignInAsync(fixture.TenantB.AdminEmail);
        foreach (var name in new[] { "zz-3", "zz-1", "zz-2" })
        {
            await CreateAsync(admin, fixture.TenantB, $"{name} {Guid.NewGuid():N}");
        }

        var names = new List<string>();
        string? cursor = null;
        do
        {
            var page = await (await admin.GetAsync($"{SourcesOf(fixture.TenantB)}?limit=1{(cursor is null ? string.Empty : $"&cursor={cursor}")}"))
                .ShouldBeAsync(HttpStatusCode.OK);
            names.AddRange(page.GetProperty("items").EnumerateArray().Select(s => s.GetProperty("name").GetString()!));
            cursor = page.GetProperty("nextCursor").ValueKind == JsonValueKind.Null ? null : page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);

        names.Should().HaveCountGreaterThanOrEqualTo(3).And.OnlyHaveUniqueItems().And.BeInAscendingOrder(StringComparer.Ordinal);
        await (await admin.GetAsync($"{SourcesOf(fixture.TenantB)}?cursor=%%%")).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Analysts_and_auditors_read_sources_but_every_change_is_forbidden_to_them()
    {
        var admin = await fixture.SignInAsync(fixture.TenantA.AdminEmail);
        var id = await CreateAsync(admin, fixture.TenantA, $"Readable {Guid.NewGuid():N}");
        var audits = await AuditEntries.CountAsync(fixture.Database, fixture.TenantA.Id);

        foreach (var email in new[] { fixture.TenantA.AnalystEmail, fixture.TenantA.AuditorEmail })
        {
            var reader = await fixture.SignInAsync(email);
            var path = $"{SourcesOf(fixture.TenantA)}/{id}";
            await (await reader.GetAsync(SourcesOf(fixture.TenantA))).ShouldBeAsync(HttpStatusCode.OK);
            await (await reader.GetAsync(path)).ShouldBeAsync(HttpStatusCode.OK);
            await (await reader.PostAsJsonAsync(SourcesOf(fixture.TenantA), ValidSource("forbidden"))).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
            await (await reader.PutAsJsonAsync(path, ValidUpdate("forbidden"))).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
            await (await reader.DeleteAsync(path)).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
            await (await reader.PutAsJsonAsync($"{path}/credentials", Credentials)).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
            await (await reader.DeleteAsync($"{path}/credentials")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        }

        (await AuditEntries.CountAsync(fixture.Database, fixture.TenantA.Id)).Should().Be(audits);
        await using var db = fixture.Database.AppContext(TestDatabaseContexts.ForTenant(fixture.TenantA.Id));
        (await db.SourceConfigurations.SingleAsync(s => s.Id == id)).CredentialReference.Should().BeNull();
    }

    [Fact]
    public async Task Another_tenants_source_is_not_found_under_this_tenant_and_the_other_tenant_is_not_found_at_all()
    {
        var adminB = await fixture.SignInAsync(fixture.TenantB.AdminEmail);
        var sourceOfB = await CreateAsync(adminB, fixture.TenantB, $"B only {Guid.NewGuid():N}");
        var adminA = await fixture.SignInAsync(fixture.TenantA.AdminEmail);
        var underA = $"{SourcesOf(fixture.TenantA)}/{sourceOfB}";
        var underB = $"{SourcesOf(fixture.TenantB)}/{sourceOfB}";

        foreach (var path in new[] { underA, underB })
        {
            await (await adminA.GetAsync(path)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
            await (await adminA.PutAsJsonAsync(path, ValidUpdate("stolen"))).ShouldBeProblemAsync(HttpStatusCode.NotFound);
            await (await adminA.DeleteAsync(path)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
            await (await adminA.PutAsJsonAsync($"{path}/credentials", Credentials)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
            await (await adminA.DeleteAsync($"{path}/credentials")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        }

        await (await adminA.GetAsync(SourcesOf(fixture.TenantB))).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await adminA.PostAsJsonAsync(SourcesOf(fixture.TenantB), ValidSource("smuggled"))).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await adminA.GetAsync($"/api/tenants/{Guid.NewGuid()}/sources")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await adminA.GetAsync($"{SourcesOf(fixture.TenantA)}/{Guid.NewGuid()}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        var source = await (await adminB.GetAsync(underB)).ShouldBeAsync(HttpStatusCode.OK);
        source.GetProperty("name").GetString().Should().StartWith("B only");
        source.GetProperty("hasCredentials").GetBoolean().Should().BeFalse();
    }

    [Fact]
    public async Task Anonymous_callers_are_unauthorized_everywhere()
    {
        var anonymous = fixture.Anonymous();
        var path = $"{SourcesOf(fixture.TenantA)}/{Guid.NewGuid()}";

        await (await anonymous.GetAsync(SourcesOf(fixture.TenantA))).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        await (await anonymous.PostAsJsonAsync(SourcesOf(fixture.TenantA), ValidSource("anon"))).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        await (await anonymous.GetAsync(path)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        await (await anonymous.PutAsJsonAsync(path, ValidUpdate("anon"))).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        await (await anonymous.DeleteAsync(path)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        await (await anonymous.PutAsJsonAsync($"{path}/credentials", Credentials)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        await (await anonymous.DeleteAsync($"{path}/credentials")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("{not json", "body")]
    [InlineData("{\"kind\": \"Qualys\", \"name\": \"n\", \"cronSchedule\": \"0 * * * *\", \"baseUrl\": \"https://x.test\"}", "kind")]
    [InlineData("{\"kind\": 0, \"name\": \"n\", \"cronSchedule\": \"0 * * * *\", \"baseUrl\": \"https://x.test\"}", "kind")]
    [InlineData("{\"name\": \"n\", \"cronSchedule\": \"0 * * * *\", \"baseUrl\": \"https://x.test\"}", "kind")]
    [InlineData("{\"kind\": \"Defender\", \"name\": \"LONG\", \"cronSchedule\": \"0 * * * *\", \"baseUrl\": \"https://x.test\"}", "name")]
    [InlineData("{\"kind\": \"Defender\", \"name\": \"n\", \"cronSchedule\": \"0 * * * *\", \"baseUrl\": \"https://x.test\", \"pageSize\": \"ten\"}", "pageSize")]
    [InlineData("{\"kind\": \"Defender\", \"name\": \"n\", \"cronSchedule\": \"0 * * * *\", \"baseUrl\": \"https://x.test\", \"pageSize\": 0}", "pageSize")]
    [InlineData("{\"kind\": \"Defender\", \"name\": \"n\", \"cronSchedule\": \"every day\", \"baseUrl\": \"https://x.test\"}", "cron")]
    [InlineData("{\"kind\": \"Defender\", \"name\": \"n\", \"cronSchedule\": \"0 * * * *\", \"baseUrl\": \"ftp://x.test\"}", "baseUrl")]
    [InlineData("{\"kind\": \"Defender\", \"name\": \"n\", \"cronSchedule\": \"0 * * * *\", \"baseUrl\": \"https://x.test\", \"credentialReference\": \"store://x\", \"enabled\": \"yes\"}", "enabled")]
    public async Task Bad_source_bodies_answer_400_with_the_field_and_write_nothing(string body, string field)
    {
        var admin = await fixture.SignInAsync(fixture.TenantA.AdminEmail);
        var before = await SourceCountAsync(fixture.TenantA.Id);
        var audits = await AuditEntries.CountAsync(fixture.Database, fixture.TenantA.Id);

        var response = await admin.PostRawAsync(SourcesOf(fixture.TenantA), body.Replace("LONG", new string('n', 201), StringComparison.Ordinal));

        await response.ShouldHaveFieldErrorAsync(field);
        (await SourceCountAsync(fixture.TenantA.Id)).Should().Be(before);
        (await AuditEntries.CountAsync(fixture.Database, fixture.TenantA.Id)).Should().Be(audits);
    }

    [Theory]
    [InlineData("{\"name\": \"n\", \"cronSchedule\": \"0 * * * *\", \"baseUrl\": \"https://x.test\", \"enabled\": true}", "pageSize")]
    [InlineData("{\"name\": \"n\", \"cronSchedule\": \"0 * * * *\", \"baseUrl\": \"https://x.test\", \"pageSize\": 10001, \"enabled\": true}", "pageSize")]
    [InlineData("{\"name\": \"n\", \"cronSchedule\": \"0 * * * *\", \"baseUrl\": \"URL\", \"pageSize\": 10, \"enabled\": true}", "baseUrl")]
    [InlineData("[1, 2]", "body")]
    public async Task Bad_update_bodies_answer_400_with_the_field_and_change_nothing(string body, string field)
    {
        var admin = await fixture.SignInAsync(fixture.TenantA.AdminEmail);
        var id = await CreateAsync(admin, fixture.TenantA, $"Unchanged {Guid.NewGuid():N}");

        var response = await admin.PutRawAsync($"{SourcesOf(fixture.TenantA)}/{id}", body.Replace("URL", "https://" + new string('u', 2048), StringComparison.Ordinal));

        await response.ShouldHaveFieldErrorAsync(field);
        (await AuditEntries.ForAsync(fixture.Database, fixture.TenantA.Id, id.ToString())).Should().ContainSingle();
    }

    [Theory]
    [InlineData("\"pullMode\": \"Sideways\"", "pullMode")]
    [InlineData("\"pullMode\": 7", "pullMode")]
    [InlineData("\"pullMode\": 1", "pullMode")]
    [InlineData("\"pullMode\": \"\"", "pullMode")]
    [InlineData("\"fullRunIntervalDays\": 0", "fullRunIntervalDays")]
    [InlineData("\"fullRunIntervalDays\": 91", "fullRunIntervalDays")]
    [InlineData("\"fullRunIntervalDays\": \"weekly\"", "fullRunIntervalDays")]
    public async Task An_unknown_pull_mode_or_a_full_run_interval_out_of_range_answers_400_on_create_and_update_and_stores_nothing(
        string member, string field)
    {
        var admin = await fixture.SignInAsync(fixture.TenantA.AdminEmail);
        var id = await CreateAsync(admin, fixture.TenantA, $"Pull mode kept {Guid.NewGuid():N}");
        var before = await SourceCountAsync(fixture.TenantA.Id);
        var audits = await AuditEntries.CountAsync(fixture.Database, fixture.TenantA.Id);

        var create = await admin.PostRawAsync(SourcesOf(fixture.TenantA),
            $"{{\"kind\": \"Simulator\", \"name\": \"bad pull {Guid.NewGuid():N}\", \"cronSchedule\": \"0 1 * * *\", \"baseUrl\": \"http://simulator.test:8080\", {member}}}");
        var update = await admin.PutRawAsync($"{SourcesOf(fixture.TenantA)}/{id}",
            $"{{\"name\": \"changed\", \"cronSchedule\": \"0 2 * * *\", \"baseUrl\": \"http://simulator.test:8080\", \"pageSize\": 10, \"enabled\": true, {member}}}");

        await create.ShouldHaveFieldErrorAsync(field);
        await update.ShouldHaveFieldErrorAsync(field);
        (await SourceCountAsync(fixture.TenantA.Id)).Should().Be(before);
        (await AuditEntries.CountAsync(fixture.Database, fixture.TenantA.Id)).Should().Be(audits);
        var read = await (await admin.GetAsync($"{SourcesOf(fixture.TenantA)}/{id}")).ShouldBeAsync(HttpStatusCode.OK);
        read.GetProperty("name").GetString().Should().StartWith("Pull mode kept");
        read.GetProperty("pullMode").GetString().Should().Be("Full");
        read.GetProperty("fullRunIntervalDays").ValueKind.Should().Be(JsonValueKind.Null);
    }

    [Fact]
    public async Task Every_pull_mode_is_stored_and_answered_by_name()
    {
        var admin = await fixture.SignInAsync(fixture.TenantA.AdminEmail);
        var create = await admin.PostAsJsonAsync(SourcesOf(fixture.TenantA), new
        {
            kind = "Simulator",
            name = $"Files {Guid.NewGuid():N}",
            cronSchedule = "0 1 * * *",
            baseUrl = "http://simulator.test:8080",
            pullMode = "Files",
            fullRunIntervalDays = 7,
        });
        var created = await create.ShouldBeAsync(HttpStatusCode.Created);
        var id = created.GetProperty("id").GetGuid();

        var update = await admin.PutAsJsonAsync($"{SourcesOf(fixture.TenantA)}/{id}", new
        {
            name = created.GetProperty("name").GetString(),
            cronSchedule = "0 1 * * *",
            baseUrl = "http://simulator.test:8080",
            pageSize = 100,
            enabled = true,
            pullMode = "Full",
            fullRunIntervalDays = 90,
        });

        created.GetProperty("pullMode").GetString().Should().Be("Files");
        created.GetProperty("fullRunIntervalDays").GetInt32().Should().Be(7);
        var updated = await update.ShouldBeAsync(HttpStatusCode.OK);
        updated.GetProperty("pullMode").GetString().Should().Be("Full");
        updated.GetProperty("fullRunIntervalDays").GetInt32().Should().Be(90);
    }

    [Fact]
    public async Task A_second_source_with_the_same_name_is_a_conflict()
    {
        var admin = await fixture.SignInAsync(fixture.TenantA.AdminEmail);
        var name = $"Twin {Guid.NewGuid():N}";
        await CreateAsync(admin, fixture.TenantA, name);
        var before = await SourceCountAsync(fixture.TenantA.Id);

        await (await admin.PostAsJsonAsync(SourcesOf(fixture.TenantA), ValidSource(name))).ShouldBeProblemAsync(HttpStatusCode.Conflict);

        (await SourceCountAsync(fixture.TenantA.Id)).Should().Be(before);
    }

    [Fact]
    public async Task A_source_that_never_ran_is_deleted_with_its_secret_but_one_with_runs_must_be_disabled_instead()
    {
        var admin = await fixture.SignInAsync(fixture.TenantA.AdminEmail);
        var unused = await CreateAsync(admin, fixture.TenantA, $"Unused {Guid.NewGuid():N}");
        var used = await CreateAsync(admin, fixture.TenantA, $"Used {Guid.NewGuid():N}");
        await (await admin.PutAsJsonAsync($"{SourcesOf(fixture.TenantA)}/{unused}/credentials", Credentials)).ShouldBeAsync(HttpStatusCode.OK);
        await using (var db = fixture.Database.AppContext(TestDatabaseContexts.ForTenant(fixture.TenantA.Id)))
        {
            db.IngestionRuns.Add(IngestionRun.Manual(fixture.TenantA.Id, used, DateTimeOffset.UtcNow));
            await db.SaveChangesAsync();
        }

        await (await admin.DeleteAsync($"{SourcesOf(fixture.TenantA)}/{unused}")).ShouldBeAsync(HttpStatusCode.NoContent);
        var refused = await admin.DeleteAsync($"{SourcesOf(fixture.TenantA)}/{used}");

        (await refused.ShouldBeProblemAsync(HttpStatusCode.Conflict)).GetProperty("detail").GetString().Should().Contain("Disable it instead");
        await (await admin.GetAsync($"{SourcesOf(fixture.TenantA)}/{unused}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await admin.GetAsync($"{SourcesOf(fixture.TenantA)}/{used}")).ShouldBeAsync(HttpStatusCode.OK);
        await using var owner = fixture.Database.OwnerContext(TestDatabaseContexts.ForTenant(fixture.TenantA.Id));
        (await owner.EncryptedSecrets.AnyAsync(s => s.Name == $"source-{unused:N}")).Should().BeFalse("the deleted source's secret goes with it");
        (await AuditEntries.ForAsync(fixture.Database, fixture.TenantA.Id, unused.ToString())).Select(a => a.Action)
            .Should().Equal("source.created", "source.credentials_set", "source.deleted");
        (await AuditEntries.ForAsync(fixture.Database, fixture.TenantA.Id, used.ToString())).Select(a => a.Action)
            .Should().Equal("source.created");
    }

    internal static object ValidSource(string name) =>
        new { kind = "Simulator", name, cronSchedule = "0 1 * * *", baseUrl = "http://simulator.test:8080" };

    private static object ValidUpdate(string name) =>
        new { name, cronSchedule = "0 1 * * *", baseUrl = "http://simulator.test:8080", pageSize = 100, enabled = true };

    internal static async Task<Guid> CreateAsync(HttpClient admin, ApiTenant tenant, string name)
    {
        var created = await (await admin.PostAsJsonAsync($"/api/tenants/{tenant.Slug}/sources", ValidSource(name))).ShouldBeAsync(HttpStatusCode.Created);
        return created.GetProperty("id").GetGuid();
    }

    private static async Task<List<JsonElement>> ListAllAsync(HttpClient client, ApiTenant tenant) =>
        (await (await client.GetAsync($"{SourcesOf(tenant)}?limit=500")).ShouldBeAsync(HttpStatusCode.OK))
            .GetProperty("items").EnumerateArray().ToList();

    private async Task<int> SourceCountAsync(Guid tenantId)
    {
        await using var db = fixture.Database.AppContext(TestDatabaseContexts.ForTenant(tenantId));
        return await db.SourceConfigurations.CountAsync();
    }
}
