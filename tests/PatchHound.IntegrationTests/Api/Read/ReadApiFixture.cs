using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PatchHound.Core.Findings;
using PatchHound.Core.Inventory;
using PatchHound.Core.Sources;
using PatchHound.Core.Vulnerabilities;
using PatchHound.Infrastructure.Persistence;
using PatchHound.IntegrationTests.Harness;
using PatchHound.IntegrationTests.Sweeps;

namespace PatchHound.IntegrationTests.Api.Read;

/// <summary>
/// The API at a fixed "now" (<see cref="Now"/>, SLA due-soon window 3 days) on a small hand-made data set: tenant A
/// with five devices and twelve findings (<see cref="ReadData"/> describes each), tenant B with one device and two
/// findings, and catalog entries no finding of A points to. Expected figures in the tests are worked out by hand from it.
/// </summary>
public class ReadApiFixture : ApiFixture
{
    public static readonly DateTimeOffset Now = new(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);

    private WebApplicationFactory<Program>? host;

    public ReadData A { get; private set; } = null!;

    public Guid DeviceB { get; private set; }

    public Guid FindingB { get; private set; }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await SeedCatalogAsync();
        A = await SeedTenantAAsync();
        await SeedSourceSignalsAsync();
        await SeedTenantBAsync();
        host = Api.WithWebHostBuilder(builder =>
            builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(new FixedTimeProvider(Now))));
    }

    /// <summary>A client of the fixed-clock host, signed in as this user (none: anonymous).</summary>
    public async Task<HttpClient> ReaderAsync(string? email)
    {
        var client = (host ?? throw new InvalidOperationException("Not initialized.")).CreateClient();
        if (email is not null)
        {
            var signIn = await client.PostAsJsonAsync("/auth/dev/sign-in", new { email });
            signIn.StatusCode.Should().Be(HttpStatusCode.NoContent);
        }

        return client;
    }

    // What ingestion writes from a Defender export (the merge's own tests cover how): F2 and F3 are on a CVE the
    // catalog rates High, so F2's source word Critical must not change its severity; dev1 carries machine fields.
    private async Task SeedSourceSignalsAsync()
    {
        await using var db = Database.AppContext(TestDatabaseContexts.ForTenant(TenantA.Id));
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            UPDATE findings SET source_severity = 'Critical', source_cvss_score = 8.8, exploitability_level = 'ExploitIsPublic',
                security_update_available = true, recommended_security_update = 'November 2026 Security Updates',
                recommended_security_update_id = 'KB5046617', recommended_security_update_url = 'https://support.microsoft.com/help/5046617',
                recommendation_reference = 'va-_-nginx-_-nginx'
            WHERE id = {A.Findings["F2"]}
            """);
        await db.Database.ExecuteSqlInterpolatedAsync(
            $"UPDATE findings SET exploitability_level = 'ExploitIsInKit', security_update_available = false WHERE id = {A.Findings["F3"]}");
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            UPDATE devices SET rbac_group_id = '140', rbac_group_name = 'The-A-Team', aad_device_id = '80fe8ff8-2624-418e-9591-41f0491218f9',
                is_aad_joined = true, device_value = 'High', onboarding_status = 'onboarded', last_ip_address = '172.17.230.209',
                os_architecture = '64-bit'
            WHERE id = {A.Devices["dev1"]}
            """);
    }

    private async Task SeedCatalogAsync()
    {
        var at = Now.AddDays(-100);
        var critical = new Vulnerability("CVE-2026-0001", "Critical, known exploited", Severity.Low, at);
        critical.RateCvss(9.8m, "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", at);
        critical.MarkKnownExploited(new DateOnly(2026, 10, 1), new DateOnly(2026, 10, 22), at);
        critical.ScoreEpss(0.9m, 0.99m, at);
        var high = new Vulnerability("CVE-2026-0002", "High", Severity.Low, at);
        high.RateCvss(7.5m, null, at);
        high.ScoreEpss(0.5m, 0.9m, at);
        var medium = new Vulnerability("CVE-2026-0003", "Medium", Severity.Low, at);
        medium.RateCvss(5.0m, null, at);
        medium.ScoreEpss(0.05m, 0.4m, at);
        var low = new Vulnerability("CVE-2026-0004", "Low, no EPSS", Severity.Low, at);
        low.RateCvss(2.0m, null, at);
        var none = new Vulnerability("CVE-2026-0005", "None", Severity.None, at);
        none.ScoreEpss(0.2m, 0.7m, at);
        var onlyB = new Vulnerability("CVE-2026-0099", "Only tenant B has it", Severity.Critical, at);
        var nobody = new Vulnerability("CVE-2026-0098", "In the catalog, found nowhere", Severity.High, at);
        await using var db = Database.AppContext();
        db.Vulnerabilities.AddRange(critical, high, medium, low, none, onlyB, nobody);
        await db.SaveChangesAsync();
    }

    private async Task<ReadData> SeedTenantAAsync()
    {
        var tenant = TenantA.Id;
        await using var db = Database.AppContext(TestDatabaseContexts.ForTenant(tenant));
        var source = new SourceConfiguration(tenant, SourceKind.Simulator, "source-a", "*/15 * * * *", "http://127.0.0.1:5090", null, Now.AddDays(-200));
        db.SourceConfigurations.Add(source);
        var devices = new Dictionary<string, Device>
        {
            ["dev1"] = NewDevice(tenant, source.Id, "web-01", "Windows11", DeviceCriticality.High, 80m),
            ["dev2"] = NewDevice(tenant, source.Id, "db-01", "Ubuntu", DeviceCriticality.Critical, 95m),
            ["dev3"] = NewDevice(tenant, source.Id, "lab \"printer\", floor 2", "Windows10", DeviceCriticality.Low, 10m),
            ["dev4"] = NewDevice(tenant, source.Id, "web-02", "Windows11", DeviceCriticality.Medium, 80m),
            ["dev5"] = NewDevice(tenant, source.Id, "web_03", "windows11", DeviceCriticality.Medium, 0m),
        };
        db.Devices.AddRange(devices.Values);

        var findings = new Dictionary<string, Finding>();
        foreach (var seed in ReadData.Seeds)
        {
            var finding = new Finding(tenant, devices[seed.Device].Id, seed.CveId, source.Id, seed.Product, "1.0",
                Now.AddDays(seed.FirstSeenDays), seed.DueDays is { } due ? Now.AddDays(due) : null);
            if (seed.Status == FindingStatus.Resolved)
            {
                finding.Resolve(Now.AddDays(seed.ResolvedDays!.Value));
            }
            else if (seed.Status == FindingStatus.RiskAccepted)
            {
                finding.AcceptRisk();
            }

            findings[seed.Label] = finding;
        }

        db.Findings.AddRange(findings.Values);
        await db.SaveChangesAsync();
        await InstallAsync(db, tenant, source.Id, devices["dev1"].Id, ("openssl", "openssl", "3.0.1"), ("nginx", "nginx", "1.25"), ("microsoft", "edge", "120"));
        await InstallAsync(db, tenant, source.Id, devices["dev2"].Id, ("nginx", "nginx", "1.24"), ("nginx", "nginx", "1.25"));
        await InstallAsync(db, tenant, source.Id, devices["dev3"].Id, ("microsoft", "edge", "121"));
        return new ReadData(devices.ToDictionary(d => d.Key, d => d.Value.Id), findings.ToDictionary(f => f.Key, f => f.Value.Id));
    }

    private async Task SeedTenantBAsync()
    {
        var tenant = TenantB.Id;
        await using var db = Database.AppContext(TestDatabaseContexts.ForTenant(tenant));
        var source = new SourceConfiguration(tenant, SourceKind.Simulator, "source-b", "*/15 * * * *", "http://127.0.0.1:5090", null, Now.AddDays(-200));
        var device = NewDevice(tenant, source.Id, "b-host", "Windows11", DeviceCriticality.Critical, 50m);
        var onlyB = new Finding(tenant, device.Id, "CVE-2026-0099", source.Id, "b-product", null, Now.AddDays(-4), Now.AddDays(-1));
        var shared = new Finding(tenant, device.Id, "CVE-2026-0001", source.Id, "openssl", null, Now.AddDays(-4), Now.AddDays(-2));
        db.SourceConfigurations.Add(source);
        db.Devices.Add(device);
        db.Findings.AddRange(onlyB, shared);
        await db.SaveChangesAsync();
        await InstallAsync(db, tenant, source.Id, device.Id, ("openssl", "openssl", "1.1"), ("b-vendor", "b-product", "1"));
        (DeviceB, FindingB) = (device.Id, onlyB.Id);
    }

    /// <summary>Installed software is written only by the ingestion merge; the fixture inserts its rows directly.</summary>
    private static async Task InstallAsync(
        PatchHoundDbContext db, Guid tenant, Guid source, Guid device, params (string Vendor, string Name, string Version)[] software)
    {
        foreach (var (vendor, name, version) in software)
        {
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO installed_software (id, tenant_id, device_id, source_id, vendor, name, version, first_seen_at, last_seen_at, evidence_count)
                VALUES ({Guid.NewGuid()}, {tenant}, {device}, {source}, {vendor}, {name}, {version}, {Now.AddDays(-20)}, {Now.AddDays(-1)}, 1)
                """);
        }
    }

    private static Device NewDevice(Guid tenant, Guid source, string name, string os, DeviceCriticality criticality, decimal risk)
    {
        var device = new Device(tenant, source, $"ext-{name}", name, os, "1", Now.AddDays(-50));
        device.ChangeCriticality(criticality);
        device.ChangeRiskScore(risk);
        return device;
    }
}
