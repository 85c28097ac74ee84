using System.Globalization;

namespace PatchHound.Benchmarks;

/// <summary>Counts as the issue writes them: 10k, 500k, 1.5M.</summary>
internal static class Size
{
    public static string Of(int count) => count switch
    {
        >= 1_000_000 => (count / 1_000_000.0).ToString("0.#", CultureInfo.InvariantCulture) + "M",
        >= 1_000 => (count / 1_000.0).ToString("0.#", CultureInfo.InvariantCulture) + "k",
        _ => count.ToString(CultureInfo.InvariantCulture),
    };
}
