using PatchHound.Core.Tenancy;
using PatchHound.Core.Tests.Common;

namespace PatchHound.Core.Tests.Tenancy;

public class TenantTests
{
    private static Tenant NewTenant() => new("contoso", "Contoso", TenantEdition.Standard, TestData.Now);

    [Theory]
    [InlineData("abc")]
    [InlineData("contoso-eu-1")]
    [InlineData("a23456789012345678901234567890123456789012345678901234567890123")]
    public void Lower_case_dns_label_slugs_are_accepted(string slug) =>
        Tenant.IsValidSlug(slug).Should().BeTrue();

    [Theory]
    [InlineData("ab")]
    [InlineData("Contoso")]
    [InlineData("contoso_eu")]
    [InlineData("-contoso")]
    [InlineData("contoso-")]
    [InlineData("con toso")]
    [InlineData("a234567890123456789012345678901234567890123456789012345678901234")]
    public void Slugs_outside_the_rules_are_refused(string slug)
    {
        var act = () => new Tenant(slug, "Contoso", TenantEdition.Free, TestData.Now);

        act.ShouldViolate("tenant.invalid_slug");
    }

    [Fact]
    public void New_tenant_is_active_with_default_settings()
    {
        var tenant = NewTenant();

        tenant.Status.Should().Be(TenantStatus.Active);
        tenant.Settings.IngestionRetryCount.Should().Be(3);
        tenant.Settings.TimeZone.Should().Be("UTC");
    }

    [Fact]
    public void Suspended_tenant_can_be_reactivated()
    {
        var tenant = NewTenant();

        tenant.Suspend();
        tenant.Reactivate();

        tenant.Status.Should().Be(TenantStatus.Active);
    }

    [Fact]
    public void Suspended_tenant_can_be_deleted()
    {
        var tenant = NewTenant();
        tenant.Suspend();

        tenant.Delete();

        tenant.Status.Should().Be(TenantStatus.Deleted);
    }

    [Fact]
    public void Deleted_tenant_cannot_come_back()
    {
        var tenant = NewTenant();
        tenant.Delete();

        ((Action)tenant.Reactivate).ShouldViolate("tenant.invalid_transition");
        ((Action)tenant.Suspend).ShouldViolate("tenant.invalid_transition");
    }

    [Fact]
    public void Active_tenant_cannot_be_reactivated()
    {
        var tenant = NewTenant();

        ((Action)tenant.Reactivate).ShouldViolate("tenant.invalid_transition");
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(21)]
    public void Retry_count_outside_zero_to_twenty_is_refused(int retries)
    {
        var act = () => new TenantSettings(retries, "UTC");

        act.ShouldViolate("tenant.invalid_settings");
    }

    [Fact]
    public void Unknown_time_zone_is_refused()
    {
        var act = () => new TenantSettings(3, "Mars/Olympus_Mons");

        act.ShouldViolate("tenant.invalid_settings");
    }

    [Fact]
    public void Settings_are_replaced_as_a_whole()
    {
        var tenant = NewTenant();

        tenant.ChangeSettings(new TenantSettings(0, "UTC"));

        tenant.Settings.IngestionRetryCount.Should().Be(0);
    }

    [Fact]
    public void Creation_time_is_stored_in_utc()
    {
        var local = new DateTimeOffset(2026, 3, 1, 14, 0, 0, TimeSpan.FromHours(2));

        var tenant = new Tenant("contoso", "Contoso", TenantEdition.Free, local);

        tenant.CreatedAt.Offset.Should().Be(TimeSpan.Zero);
        tenant.CreatedAt.Should().Be(local);
    }
}
