namespace PatchHound.DefenderSimulator.Data;

/// <summary>Defender's vulnerabilitySeverityLevel values: the CVSS v3 qualitative bands of the CVE's base score.</summary>
public static class Severity
{
    public const string Critical = "Critical";
    public const string High = "High";
    public const string Medium = "Medium";
    public const string Low = "Low";

    public static string FromCvss(double score) => score switch
    {
        >= 9.0 => Critical,
        >= 7.0 => High,
        >= 4.0 => Medium,
        _ => Low,
    };
}
