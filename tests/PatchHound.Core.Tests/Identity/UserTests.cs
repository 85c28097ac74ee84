using PatchHound.Core.Identity;
using PatchHound.Core.Tests.Common;

namespace PatchHound.Core.Tests.Identity;

public class UserTests
{
    [Fact]
    public void Email_is_stored_trimmed_and_lower_case()
    {
        var user = new User("  Alice@Contoso.COM ", "Alice", TestData.Now);

        user.Email.Should().Be("alice@contoso.com");
    }

    [Theory]
    [InlineData("alice")]
    [InlineData("@contoso.com")]
    [InlineData("alice@")]
    [InlineData("a@b@c")]
    [InlineData("al ice@contoso.com")]
    public void Malformed_email_is_refused(string email)
    {
        var act = () => new User(email, "Alice", TestData.Now);

        act.ShouldViolate("user.invalid_email");
    }

    [Fact]
    public void External_subject_cannot_be_replaced_by_another()
    {
        var user = new User("alice@contoso.com", "Alice", TestData.Now);
        user.LinkExternalSubject("sub-1");

        user.LinkExternalSubject("sub-1");
        var act = () => user.LinkExternalSubject("sub-2");

        act.ShouldViolate("user.subject_already_linked");
        user.ExternalSubject.Should().Be("sub-1");
    }

    [Fact]
    public void Role_names_match_the_tenant_role_members()
    {
        Roles.Of(TenantRole.TenantAdmin).Should().Be(Roles.TenantAdmin).And.Be("TenantAdmin");
        Roles.Of(TenantRole.Analyst).Should().Be(Roles.Analyst);
        Roles.Of(TenantRole.Auditor).Should().Be(Roles.Auditor);
    }
}
