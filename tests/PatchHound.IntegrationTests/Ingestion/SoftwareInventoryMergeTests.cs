using PatchHound.Infrastructure.Ingestion;
using static PatchHound.IntegrationTests.Ingestion.IngestionEnvironment;

namespace PatchHound.IntegrationTests.Ingestion;

public sealed class SoftwareInventoryMergeTests(IngestionEnvironment env) : IClassFixture<IngestionEnvironment>
{
    private static readonly DateTimeOffset T1 = new(2026, 11, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset T2 = T1.AddDays(1);

    [Fact]
    public async Task A_version_listed_once_per_cve_becomes_one_installed_software_row()
    {
        var source = await env.NewSourceAsync(env.TenantA);

        var result = await env.RunAsync(env.TenantA, source, T1, [Device("d1", T1)],
            [Finding("d1", "CVE-2025-0001", T1, product: "openssl", version: "3.0.1"),
             Finding("d1", "CVE-2025-0002", T1, product: "openssl", version: "3.0.1")],
            [Software("d1", "openssl", "3.0.1", T1.AddHours(-2), evidence: 1),
             Software("d1", "openssl", "3.0.1", T1, evidence: 2, firstSeen: T1.AddDays(-9)),
             Software("d1", "notepad", null, T1, evidence: 0, vendor: null)]);

        result.SoftwareUpserted.Should().Be(2);
        var software = await env.SoftwareAsync(env.TenantA, source);
        software.Select(s => (s.Vendor, s.Name, s.Version, s.EvidenceCount)).Should().Equal(
            ("", "notepad", "", 0), ("vendor", "openssl", "3.0.1", 2));
        software[1].FirstSeenAt.Should().Be(T1.AddDays(-9), "the latest sighting of the version is kept");
        software[1].LastSeenAt.Should().Be(T1);
        software[0].FirstSeenAt.Should().Be(T1, "without a first-seen the sighting itself is the first");
    }

    [Fact]
    public async Task A_device_that_lists_its_software_again_replaces_it_and_other_devices_keep_theirs()
    {
        var source = await env.NewSourceAsync(env.TenantA);
        await env.RunAsync(env.TenantA, source, T1, [Device("u1", T1), Device("u2", T1)], [],
            [Software("u1", "chrome", "120", T1), Software("u1", "7zip", "19", T1), Software("u2", "vlc", "3", T1)]);

        var result = await env.RunAsync(env.TenantA, source, T2, [Device("u1", T2), Device("u2", T2)], [],
            [Software("u1", "chrome", "121", T2), Software("u1", "7zip", "19", T2, evidence: 3)]);

        result.Should().BeEquivalentTo(new MergeResult { DevicesUpdated = 2, SoftwareUpserted = 2, SoftwareRemoved = 1 });
        var software = await env.SoftwareAsync(env.TenantA, source);
        software.Select(s => (s.Name, s.Version, s.EvidenceCount, s.LastSeenAt)).Should().BeEquivalentTo(
            [("7zip", "19", 3, T2), ("chrome", "121", 1, T2), ("vlc", "3", 1, T1)],
            "u2 listed no software in the second run: the export may not cover it, so nothing of it is dropped");
        software.Single(s => s.Name == "7zip").FirstSeenAt.Should().Be(T1);
    }

    [Fact]
    public async Task An_unchanged_inventory_writes_nothing_and_software_of_unknown_devices_is_skipped()
    {
        var source = await env.NewSourceAsync(env.TenantA);
        await env.RunAsync(env.TenantA, source, T1, [Device("n1", T1)], [], [Software("n1", "git", "2.40", T1)]);

        var result = await env.RunAsync(env.TenantA, source, T1, [Device("n1", T1)], [],
            [Software("n1", "git", "2.40", T1), Software("not-listed", "git", "2.40", T1)]);

        result.SoftwareUpserted.Should().Be(0);
        result.SoftwareRemoved.Should().Be(0);
        (await env.SoftwareAsync(env.TenantA, source)).Should().ContainSingle();
    }

    [Fact]
    public async Task A_tenant_never_sees_another_tenants_software()
    {
        var source = await env.NewSourceAsync(env.TenantA);
        await env.RunAsync(env.TenantA, source, T1, [Device("i1", T1)], [], [Software("i1", "secret-tool", "1", T1)]);

        (await env.SoftwareAsync(env.TenantA, source)).Should().ContainSingle();
        (await env.SoftwareAsync(env.TenantB, source)).Should().BeEmpty();
    }
}
