using System.Text.RegularExpressions;

namespace PatchHound.DefenderSimulator.Data;

/// <summary>A vendor/product pair in Defender's lower-case, underscore spelling, with the major versions it ships.</summary>
public sealed partial record SoftwareProduct(string Vendor, string Name, int MinMajor, int MaxMajor)
{
    public string Version(ref SeededRandom random) =>
        $"{random.Next(MinMajor, MaxMajor + 1)}.{random.Next(10)}.{random.Next(100, 9999)}.{random.Next(1, 300)}";

    /// <summary>"Adaptive Security Appliance (ASA)" → "adaptive_security_appliance_asa", as Defender spells products.</summary>
    public static string Normalize(string text)
    {
        var name = NotAllowed().Replace(Separators().Replace(text.Trim().ToLowerInvariant(), "_"), string.Empty).Trim('_');
        return name.Length > 0 ? name : "unknown";
    }

    [GeneratedRegex(@"[\s/,:]+")]
    private static partial Regex Separators();

    [GeneratedRegex(@"[^a-z0-9._+\-]")]
    private static partial Regex NotAllowed();
}
