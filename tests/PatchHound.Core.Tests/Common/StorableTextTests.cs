using System.Text.RegularExpressions;
using PatchHound.Core.Common;

namespace PatchHound.Core.Tests.Common;

public class StorableTextTests
{
    [Theory]
    [InlineData("")]
    [InlineData("laptop-01.contoso.com")]
    [InlineData("Ünïcødé 名前")]
    [InlineData("emoji \U0001F600 pairs")]
    public void Text_without_nul_or_lone_surrogates_is_storable_and_kept_as_it_is(string value)
    {
        StorableText.IsStorable(value).Should().BeTrue();
        StorableText.Clean(value).Should().BeSameAs(value);
    }

    [Theory]
    [InlineData("host\0name", "hostname")]
    [InlineData("\0", "")]
    [InlineData("a{D800}b", "a\uFFFDb")]
    [InlineData("trailing high {D83D}", "trailing high \uFFFD")]
    [InlineData("{DE00} leading low", "\uFFFD leading low")]
    [InlineData("\0{D83D}{DE00}\0", "\U0001F600")]
    public void Nul_is_removed_and_unpaired_surrogates_are_replaced(string written, string cleaned)
    {
        // xunit turns lone surrogates in test data into U+FFFD, so they are written as {XXXX} and built here.
        var value = Regex.Replace(written, "{([0-9A-F]{4})}", m => ((char)Convert.ToInt32(m.Groups[1].Value, 16)).ToString());
        StorableText.IsStorable(value).Should().BeFalse();
        StorableText.Clean(value).Should().Be(cleaned);
        StorableText.IsStorable(StorableText.Clean(value)).Should().BeTrue();
    }
}
