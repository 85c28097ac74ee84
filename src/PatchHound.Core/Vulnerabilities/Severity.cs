namespace PatchHound.Core.Vulnerabilities;

/// <summary>Qualitative severity, in CVSS v3 bands (see <see cref="SeverityExtensions"/>).</summary>
public enum Severity
{
    None,
    Low,
    Medium,
    High,
    Critical,
}
