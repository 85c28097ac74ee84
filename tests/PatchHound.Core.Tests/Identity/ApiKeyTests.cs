using PatchHound.Core.Identity;
using PatchHound.Core.Tests.Common;

namespace PatchHound.Core.Tests.Identity;

public class ApiKeyTests
{
    private static readonly DateTimeOffset Expiry = TestData.Now.AddDays(30);

    private static IssuedApiKey Issue() =>
        ApiKey.Issue(TestData.TenantId, "ci", ["findings:read"], TestData.Alice, TestData.Now, Expiry);

    [Fact]
    public void Issued_key_stores_only_the_hash_and_prefix_of_its_secret()
    {
        var (key, secret) = Issue();

        key.KeyHash.Should().Be(ApiKey.HashSecret(secret)).And.HaveLength(64).And.NotContain(secret);
        key.Prefix.Should().Be(secret[..8]);
        ApiKey.PrefixOf(secret).Should().Be(key.Prefix);
    }

    [Fact]
    public void Key_matches_its_own_secret_only()
    {
        var (key, secret) = Issue();

        key.Matches(secret).Should().BeTrue();
        key.Matches(secret + "x").Should().BeFalse();
    }

    [Fact]
    public void Two_issued_keys_have_different_secrets()
    {
        Issue().Secret.Should().NotBe(Issue().Secret);
    }

    [Fact]
    public void Key_is_usable_until_it_expires()
    {
        var key = Issue().Key;

        key.IsUsableAt(Expiry.AddTicks(-1)).Should().BeTrue();
        key.IsUsableAt(Expiry).Should().BeFalse();
    }

    [Fact]
    public void Revoked_key_is_not_usable_from_the_revocation_on()
    {
        var key = Issue().Key;
        var revokedAt = TestData.Now.AddDays(1);

        key.Revoke(revokedAt);

        key.IsUsableAt(revokedAt.AddTicks(-1)).Should().BeTrue();
        key.IsUsableAt(revokedAt).Should().BeFalse();
    }

    [Fact]
    public void Revoking_twice_keeps_the_first_revocation_time()
    {
        var key = Issue().Key;

        key.Revoke(TestData.Now.AddDays(1));
        key.Revoke(TestData.Now.AddDays(2));

        key.RevokedAt.Should().Be(TestData.Now.AddDays(1));
    }

    [Fact]
    public void Using_an_expired_key_is_refused()
    {
        var key = Issue().Key;

        var act = () => key.RecordUse(Expiry.AddMinutes(1));

        act.ShouldViolate("api_key.not_usable");
        key.LastUsedAt.Should().BeNull();
    }

    [Fact]
    public void Last_use_only_moves_forward()
    {
        var key = Issue().Key;

        key.RecordUse(TestData.Now.AddHours(2));
        key.RecordUse(TestData.Now.AddHours(1));

        key.LastUsedAt.Should().Be(TestData.Now.AddHours(2));
    }

    [Fact]
    public void Key_must_expire_after_it_is_created()
    {
        var act = () => ApiKey.Issue(TestData.TenantId, "ci", ["findings:read"], TestData.Alice, TestData.Now, TestData.Now);

        act.ShouldViolate("api_key.invalid_expiry");
    }

    [Fact]
    public void Key_needs_at_least_one_scope()
    {
        var act = () => ApiKey.Issue(TestData.TenantId, "ci", [], TestData.Alice, TestData.Now, Expiry);

        act.ShouldViolate("api_key.invalid_scope");
    }

    [Fact]
    public void Tenant_owned_rows_refuse_an_empty_tenant_id()
    {
        var act = () => ApiKey.Issue(Guid.Empty, "ci", ["findings:read"], TestData.Alice, TestData.Now, Expiry);

        act.ShouldViolate("tenant.id_required");
    }
}
