using Microsoft.EntityFrameworkCore;
using PatchHound.Core.Findings;
using PatchHound.Core.Inventory;
using PatchHound.Core.Sla;
using PatchHound.Core.Vulnerabilities;
using PatchHound.Infrastructure.Ingestion;
using static PatchHound.IntegrationTests.Ingestion.IngestionEnvironment;

namespace PatchHound.IntegrationTests.Ingestion;

public sealed class IngestionMergeTests(IngestionEnvironment env) : IClassFixture<IngestionEnvironment>
{
    private static readonly DateTimeOffset T1 = new(2026, 11, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset T2 = T1.AddDays(1);
    private static readonly DateTimeOffset T3 = T1.AddDays(2);

    [Fact]
    public async Task First_run_creates_devices_findings_and_catalog_rows_with_sla_due_dates()
    {
        var source = await env.NewSourceAsync(env.TenantA);
        var kevFirstSeen = T1.AddDays(-3);
        await using (var db = env.Context(env.TenantA))
        {
            var kev = new Vulnerability("CVE-2025-1111", "Known exploited", Severity.Critical, T1);
            kev.MarkKnownExploited(new DateOnly(2026, 10, 20), new DateOnly(2026, 11, 2), T1);
            db.Vulnerabilities.AddRange(kev, new Vulnerability("CVE-2025-2222", "Unrated", Severity.None, T1));
            await db.SaveChangesAsync();
        }

        var result = await env.RunAsync(env.TenantA, source, T1,
            [Device("m1", T1, "prod", "PROD", "web"), Device("m2", T1)],
            [
                Finding("m1", "CVE-2025-1111", T1, "Low", firstSeen: kevFirstSeen),
                Finding("m1", "CVE-2025-2222", T1, "High"),
                Finding("m2", "CVE-2025-3333", T1, "critical", firstSeen: T1.AddDays(-1)),
                Finding("m2", "CVE-2025-4444", T1, "Medium", product: "curl"),
                Finding("unknown-device", "CVE-2025-5555", T1),
            ]);

        result.Should().BeEquivalentTo(new MergeResult
        {
            DevicesAdded = 2,
            VulnerabilitiesAdded = 3,
            FindingsSeen = 4,
            FindingsWithoutDevice = 1,
            DevicesNotListed = 1,
            FindingsNew = 4,
        });
        var findings = (await env.FindingsAsync(env.TenantA, source)).ToDictionary(f => f.VulnerabilityId);
        findings.Values.Should().OnlyContain(f => f.Status == FindingStatus.Open && f.ReopenCount == 0 && f.LastSeenAt == T1);
        findings["CVE-2025-1111"].SlaDueAt.Should().Be(new DateTimeOffset(2026, 11, 2, 23, 59, 59, TimeSpan.Zero).AddTicks(9_999_990));
        findings["CVE-2025-1111"].SlaDueAt.Should().Be(
            SlaCalculator.DueAt(CriticalDays, kevFirstSeen, true, new DateOnly(2026, 11, 2)), "the catalog's rating counts, not the source's");
        findings["CVE-2025-2222"].SlaDueAt.Should().Be(T1.AddDays(HighDays), "an unrated catalog entry leaves the rating to the tenant's own source");
        findings["CVE-2025-3333"].FirstSeenAt.Should().Be(T1.AddDays(-1));
        findings["CVE-2025-3333"].SlaDueAt.Should().Be(T1.AddDays(-1 + CriticalDays));
        findings["CVE-2025-4444"].FirstSeenAt.Should().Be(T1, "without a source first-seen the run time is used");
        findings["CVE-2025-4444"].SlaDueAt.Should().Be(T1.AddDays(MediumDays));

        await using var check = env.Context(env.TenantA);
        var catalog = await check.Vulnerabilities.AsNoTracking().Where(v => v.Id == "CVE-2025-3333" || v.Id == "CVE-2025-5555").ToListAsync();
        catalog.Should().ContainSingle(v => v.Id == "CVE-2025-3333" && v.Severity == Severity.None && v.Title == "CVE-2025-3333",
            "a source's severity stays on its tenant's finding (ADR 0010)");
        findings["CVE-2025-3333"].SourceSeverity.Should().Be(Severity.Critical);
        var devices = await check.Devices.AsNoTracking().Where(d => d.SourceId == source).OrderBy(d => d.ExternalId).ToListAsync();
        devices.Should().HaveCount(2).And.OnlyContain(d => d.Criticality == DeviceCriticality.Medium && d.FirstSeenAt == T1);
        devices[0].Tags.Should().BeEquivalentTo("prod", "web");
        devices[0].RiskScore.Should().Be(25m, "a Critical KEV finding weighs 10 x 2, the unrated one its source's High 5");
        devices[1].RiskScore.Should().Be(12m, "Critical 10 + Medium 2");
        (await check.StagedFindings.CountAsync() + await check.StagedDevices.CountAsync()).Should().Be(0);
    }

    [Fact]
    public async Task Second_identical_run_only_moves_last_seen()
    {
        var source = await env.NewSourceAsync(env.TenantA);
        await env.RunAsync(env.TenantA, source, T1, [Device("s1", T1)], [Finding("s1", "CVE-2025-0101", T1)]);
        var before = await env.FindingsAsync(env.TenantA, source);

        var result = await env.RunAsync(env.TenantA, source, T2, [Device("s1", T2)], [Finding("s1", "CVE-2025-0101", T2)]);

        result.Should().BeEquivalentTo(new MergeResult { DevicesUpdated = 1, FindingsSeen = 1 });
        var after = await env.FindingsAsync(env.TenantA, source);
        after.Should().BeEquivalentTo(before, o => o.Excluding(f => f.LastSeenAt));
        after.Single().LastSeenAt.Should().Be(T2);
    }

    [Fact]
    public async Task Churn_run_adds_resolves_and_reopens_findings()
    {
        var source = await env.NewSourceAsync(env.TenantA);
        await env.RunAsync(env.TenantA, source, T1, [Device("c1", T1)],
            [Finding("c1", "CVE-2025-0001", T1), Finding("c1", "CVE-2025-0002", T1), Finding("c1", "CVE-2025-0003", T1)]);

        var second = await env.RunAsync(env.TenantA, source, T2, [Device("c1", T2)],
            [Finding("c1", "CVE-2025-0002", T2), Finding("c1", "CVE-2025-0003", T2, version: "2.0"), Finding("c1", "CVE-2025-0004", T2)]);
        var third = await env.RunAsync(env.TenantA, source, T3, [Device("c1", T3)],
            [Finding("c1", "CVE-2025-0001", T3), Finding("c1", "CVE-2025-0002", T3), Finding("c1", "CVE-2025-0003", T3, version: "2.0")]);

        second.Should().BeEquivalentTo(new MergeResult { DevicesUpdated = 1, VulnerabilitiesAdded = 1, FindingsSeen = 3, FindingsNew = 1, FindingsResolved = 1 });
        third.Should().BeEquivalentTo(new MergeResult { DevicesUpdated = 1, FindingsSeen = 3, FindingsReopened = 1, FindingsResolved = 1 });
        var findings = (await env.FindingsAsync(env.TenantA, source)).ToDictionary(f => f.VulnerabilityId);
        var reopened = findings["CVE-2025-0001"];
        reopened.Should().BeEquivalentTo(new { Status = FindingStatus.Open, ReopenCount = 1, ResolvedAt = (DateTimeOffset?)null, LastSeenAt = T3, FirstSeenAt = T1 });
        reopened.SlaDueAt.Should().Be(T3.AddDays(HighDays), "a reopened finding is due counted from its reopening");
        findings["CVE-2025-0003"].ProductVersion.Should().Be("2.0");
        findings["CVE-2025-0004"].Should().BeEquivalentTo(new { Status = FindingStatus.Resolved, ResolvedAt = (DateTimeOffset?)T3, ReopenCount = 0 });
        findings["CVE-2025-0002"].Status.Should().Be(FindingStatus.Open);
    }

    [Fact]
    public async Task Merge_leaves_other_sources_and_other_tenants_alone()
    {
        var source = await env.NewSourceAsync(env.TenantA);
        var otherSource = await env.NewSourceAsync(env.TenantA);
        var sourceB = await env.NewSourceAsync(env.TenantB);
        await env.RunAsync(env.TenantA, otherSource, T1, [Device("shared-id", T1)], [Finding("shared-id", "CVE-2025-0701", T1)]);
        await env.RunAsync(env.TenantB, sourceB, T1, [Device("shared-id", T1)], [Finding("shared-id", "CVE-2025-0701", T1)]);
        var otherBefore = await env.FindingsAsync(env.TenantA, otherSource);
        var tenantBBefore = await env.FindingsAsync(env.TenantB, sourceB);

        var result = await env.RunAsync(env.TenantA, source, T2, [Device("shared-id", T2)], [Finding("shared-id", "CVE-2025-0702", T2)]);

        result.FindingsResolved.Should().Be(0);
        result.DevicesAdded.Should().Be(1, "device ids are the source's own: the same id from another source is another device");
        (await env.FindingsAsync(env.TenantA, otherSource)).Should().BeEquivalentTo(otherBefore);
        (await env.FindingsAsync(env.TenantB, sourceB)).Should().BeEquivalentTo(tenantBBefore);
        tenantBBefore.Single().SlaDueAt.Should().Be(T1.AddDays(SlaPolicy.DefaultHighDays), "tenant B has no policy row: defaults");
    }

    [Fact]
    public async Task Merging_a_run_twice_is_a_no_op()
    {
        var source = await env.NewSourceAsync(env.TenantA);
        await env.RunAsync(env.TenantA, source, T1, [Device("n1", T1)], [Finding("n1", "CVE-2025-0801", T1)]);
        var run = Guid.NewGuid();
        await env.StageAsync(env.TenantA, run, 1, [Device("n1", T2)], [Finding("n1", "CVE-2025-0802", T2)]);
        var first = await env.MergeAsync(env.TenantA, run, source, T2);
        var afterFirst = await env.FindingsAsync(env.TenantA, source);

        var second = await env.MergeAsync(env.TenantA, run, source, T3);

        first.FindingsResolved.Should().Be(1);
        second.Should().BeSameAs(MergeResult.NothingToMerge);
        (await env.FindingsAsync(env.TenantA, source)).Should().BeEquivalentTo(afterFirst);
        afterFirst.Should().Contain(f => f.Status == FindingStatus.Open, "an empty staging must not resolve everything");
    }
}
