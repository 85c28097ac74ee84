namespace PatchHound.DefenderSimulator.Data;

/// <summary>Defender's vulnerabilitySeverityLevel values and the CVSS v3 bands they come from.</summary>
public static class Severity
{
    public const string Critical = "Critical";
    public const string High = "High";
    public const string Medium = "Medium";
    public const string Low = "Low";

    public static double CvssScore(string severity, ref SeededRandom random)
    {
        var (low, high) = severity switch
        {
            Critical => (90, 100),
            High => (70, 89),
            Medium => (40, 69),
            _ => (1, 39),
        };
        return random.Next(low, high + 1) / 10.0;
    }
}
