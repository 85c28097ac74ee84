using PatchHound.Core.Common;

namespace PatchHound.Core.Tests.Common;

public class CronFormatTests
{
    [Theory]
    [InlineData("0 */6 * * *")]
    [InlineData("15  2 * * 1-5")]
    public void Five_field_expressions_are_well_formed(string expression) =>
        CronFormat.IsWellFormed(expression).Should().BeTrue();

    [Theory]
    [InlineData("")]
    [InlineData("* * * *")]
    [InlineData("0 0 * * * *")]
    [InlineData(null)]
    public void Expressions_without_exactly_five_fields_are_refused(string? expression) =>
        CronFormat.IsWellFormed(expression).Should().BeFalse();
}
