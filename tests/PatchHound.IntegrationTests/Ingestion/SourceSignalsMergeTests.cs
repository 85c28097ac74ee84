using Microsoft.EntityFrameworkCore;
using PatchHound.Core.Findings;
using PatchHound.Core.Sla;
using PatchHound.Core.Vulnerabilities;
using PatchHound.IntegrationTests.Harness;
using static PatchHound.IntegrationTests.Ingestion.IngestionEnvironment;

namespace PatchHound.IntegrationTests.Ingestion;

/// <summary>ADR 0010: a source's signals stay on its tenant's findings and devices; the catalog is not rated by a source.</summary>
public sealed class SourceSignalsMergeTests(IngestionEnvironment env) : IClassFixture<IngestionEnvironment>
{
    private static readonly DateTimeOffset T1 = new(2026, 11, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Two_tenants_reporting_one_new_cve_each_keep_their_own_severity_and_sla_and_the_catalog_stays_unrated()
    {
        var sourceA = await env.NewSourceAsync(env.TenantA);
        var sourceB = await env.NewSourceAsync(env.TenantB);
        const string Cve = "CVE-2026-41001";

        await env.RunAsync(env.TenantA, sourceA, T1, [Device("a1", T1)], [Finding("a1", Cve, T1, "Critical") with { CvssScore = 9.8m }]);
        await env.RunAsync(env.TenantB, sourceB, T1, [Device("b1", T1)], [Finding("b1", Cve, T1, "Low") with { CvssScore = 2.1m }]);

        var a = (await env.FindingsAsync(env.TenantA, sourceA)).Single();
        var b = (await env.FindingsAsync(env.TenantB, sourceB)).Single();
        (a.SourceSeverity, a.SourceCvssScore, a.SlaDueAt).Should().Be((Severity.Critical, 9.8m, T1.AddDays(CriticalDays)));
        (b.SourceSeverity, b.SourceCvssScore, b.SlaDueAt).Should().Be(
            (Severity.Low, 2.1m, T1.AddDays(SlaPolicy.DefaultLowDays)), "tenant B's deadline follows its own source, not tenant A's");
        await using var db = env.Context(env.TenantB);
        var catalog = await db.Vulnerabilities.AsNoTracking().SingleAsync(v => v.Id == Cve);
        (catalog.Severity, catalog.CvssV3Score).Should().Be((Severity.None, (decimal?)null), "only enrichment feeds rate the catalog");
        (await db.Devices.AsNoTracking().SingleAsync(d => d.SourceId == sourceB)).RiskScore.Should().Be(1m, "Low weighs 1");
    }

    [Fact]
    public async Task A_findings_signals_are_kept_and_follow_the_sources_latest_report()
    {
        var source = await env.NewSourceAsync(env.TenantA);
        var first = Finding("s1", "CVE-2026-41002", T1, "High") with
        {
            CvssScore = 7.5m,
            ExploitabilityLevel = "exploitispublic",
            SecurityUpdateAvailable = true,
            RecommendedSecurityUpdate = "October 2026 Security Updates",
            RecommendedSecurityUpdateId = "KB5031356",
            RecommendedSecurityUpdateUrl = "https://catalog.update.microsoft.com/v7/site/Search.aspx?q=KB5031356",
            RecommendationReference = "va-_-microsoft-_-windows_10",
        };

        await env.RunAsync(env.TenantA, source, T1, [Device("s1", T1)], [first]);
        var kept = (await env.FindingsAsync(env.TenantA, source)).Single();
        kept.Should().BeEquivalentTo(new
        {
            SourceSeverity = Severity.High,
            SourceCvssScore = 7.5m,
            ExploitabilityLevel = ExploitabilityLevel.ExploitIsPublic,
            SecurityUpdateAvailable = true,
            RecommendedSecurityUpdate = "October 2026 Security Updates",
            RecommendedSecurityUpdateId = "KB5031356",
            RecommendedSecurityUpdateUrl = "https://catalog.update.microsoft.com/v7/site/Search.aspx?q=KB5031356",
            RecommendationReference = "va-_-microsoft-_-windows_10",
        });

        // Same last-seen time: only the signals changed, and that alone must reach the finding.
        await env.RunAsync(env.TenantA, source, T1, [Device("s1", T1)],
            [first with { ExploitabilityLevel = "ExploitIsInKit", CvssScore = 8.1m, SecurityUpdateAvailable = false, RecommendedSecurityUpdateId = null }]);
        var updated = (await env.FindingsAsync(env.TenantA, source)).Single();
        (updated.ExploitabilityLevel, updated.SourceCvssScore, updated.SecurityUpdateAvailable, updated.RecommendedSecurityUpdateId)
            .Should().Be((ExploitabilityLevel.ExploitIsInKit, 8.1m, false, (string?)null));
    }

    [Fact]
    public async Task Unknown_exploitability_words_and_out_of_range_scores_are_dropped_not_fatal()
    {
        var source = await env.NewSourceAsync(env.TenantA);
        await env.RunAsync(env.TenantA, source, T1, [Device("u1", T1)],
            [Finding("u1", "CVE-2026-41003", T1, "Medium") with { ExploitabilityLevel = "Maybe", CvssScore = 11.5m }]);

        var finding = (await env.FindingsAsync(env.TenantA, source)).Single();
        (finding.ExploitabilityLevel, finding.SourceCvssScore, finding.SourceSeverity).Should().Be(
            ((ExploitabilityLevel?)null, (decimal?)null, Severity.Medium));
    }

    [Fact]
    public async Task Risk_score_weighs_severity_by_the_largest_exploit_factor_of_kev_and_exploitability()
    {
        var source = await env.NewSourceAsync(env.TenantA);
        await using (var db = env.Context(env.TenantA))
        {
            var kev = new Vulnerability("CVE-2026-41010", "Known exploited", Severity.Critical, T1);
            kev.MarkKnownExploited(new DateOnly(2026, 10, 20), null, T1);
            db.Vulnerabilities.Add(kev);
            await db.SaveChangesAsync();
        }

        await env.RunAsync(env.TenantA, source, T1, [Device("r1", T1), Device("r2", T1)],
            [
                // KEV and in a kit: 2, not 4 (the largest factor, not the product).
                Finding("r1", "CVE-2026-41010", T1, "Low") with { ExploitabilityLevel = "ExploitIsInKit" },
                Finding("r1", "CVE-2026-41011", T1, "High") with { ExploitabilityLevel = "ExploitIsPublic" },
                Finding("r1", "CVE-2026-41012", T1, "Medium") with { ExploitabilityLevel = "ExploitIsVerified" },
                Finding("r1", "CVE-2026-41013", T1, "Low") with { ExploitabilityLevel = "ExploitIsInKit" },
                Finding("r1", "CVE-2026-41014", T1, "Critical") with { ExploitabilityLevel = "NoExploit" },
                Finding("r2", "CVE-2026-41011", T1, "High"),
            ]);

        await using var check = env.Context(env.TenantA);
        var scores = await check.Devices.AsNoTracking().Where(d => d.SourceId == source)
            .OrderBy(d => d.ExternalId).Select(d => d.RiskScore).ToListAsync();
        // r1: Critical KEV 10 x 2 + High 5 x 1.25 + Medium 2 x 1.5 + Low 1 x 2 + Critical 10 x 1 = 41.25; r2: High 5.
        scores.Should().Equal(41.25m, 5m);
    }

    [Fact]
    public async Task Devices_keep_the_machine_fields_of_their_source_and_follow_its_latest_report()
    {
        var source = await env.NewSourceAsync(env.TenantA);
        var machine = Device("d1", T1) with
        {
            RbacGroupId = "140",
            RbacGroupName = "The-A-Team",
            AadDeviceId = "80fe8ff8-2624-418e-9591-41f0491218f9",
            IsAadJoined = true,
            DeviceValue = "High",
            OnboardingStatus = "onboarded",
            LastIpAddress = "172.17.230.209",
            OsArchitecture = "64-bit",
        };

        await env.RunAsync(env.TenantA, source, T1, [machine], []);
        await env.RunAsync(env.TenantA, source, T1.AddDays(1), [machine with { RbacGroupId = "141", RbacGroupName = "B-Team", LastIpAddress = null, LastSeenAt = T1.AddDays(1) }], []);

        await using var db = env.Context(env.TenantA);
        var device = await db.Devices.AsNoTracking().SingleAsync(d => d.SourceId == source);
        device.Should().BeEquivalentTo(new
        {
            RbacGroupId = "141",
            RbacGroupName = "B-Team",
            AadDeviceId = "80fe8ff8-2624-418e-9591-41f0491218f9",
            IsAadJoined = true,
            DeviceValue = "High",
            OnboardingStatus = "onboarded",
            LastIpAddress = (string?)null,
            OsArchitecture = "64-bit",
        });
    }

    [Fact]
    public async Task The_severity_rank_is_written_by_the_merge_follows_the_sources_word_and_then_the_catalogs()
    {
        var source = await env.NewSourceAsync(env.TenantA);
        const string Cve = "CVE-2026-41009";
        await env.RunAsync(env.TenantA, source, T1, [Device("r1", T1)], [Finding("r1", Cve, T1, "High")]);
        (await RanksAsync(source)).Should().Equal([(short)Severity.High], "the merge's insert writes the rank of the source's severity");

        await env.RunAsync(env.TenantA, source, T1.AddHours(1), [Device("r1", T1.AddHours(1))], [Finding("r1", Cve, T1.AddHours(1), "Critical")]);
        (await RanksAsync(source)).Should().Equal([(short)Severity.Critical], "a changed source severity re-ranks the finding");

        await using (var owner = env.Database.OwnerContext())
        {
            await owner.Database.ExecuteSqlRawAsync("UPDATE vulnerabilities SET severity = 'Low' WHERE id = {0}", Cve);
        }

        (await RanksAsync(source)).Should().Equal([(short)Severity.Low], "once the catalog rates the CVE, its rating is the finding's");

        await using (var db = env.Context(env.TenantA))
        {
            var device = await db.Devices.AsNoTracking().SingleAsync(d => d.SourceId == source);
            db.Findings.Add(new Finding(env.TenantA, device.Id, Cve, source, "other product", "1.0", T1, T1.AddDays(30)));
            await db.SaveChangesAsync();
        }

        (await RanksAsync(source)).Should().Equal([(short)Severity.Low, (short)Severity.Low], "a writer that leaves the rank unset gets it from the trigger");
    }

    private async Task<List<short>> RanksAsync(Guid source)
    {
        await using var db = env.Context(env.TenantA);
        return await db.Database.SqlQueryRaw<short>("SELECT severity_rank AS \"Value\" FROM findings WHERE source_id = {0}", source).ToListAsync();
    }
}
