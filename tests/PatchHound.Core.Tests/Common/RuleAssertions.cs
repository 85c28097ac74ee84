using PatchHound.Core.Common;

namespace PatchHound.Core.Tests.Common;

internal static class RuleAssertions
{
    public static void ShouldViolate(this Action act, string code) =>
        act.Should().Throw<DomainRuleViolationException>().Which.Code.Should().Be(code);

    public static void ShouldViolate<T>(this Func<T> act, string code) =>
        act.Should().Throw<DomainRuleViolationException>().Which.Code.Should().Be(code);
}
