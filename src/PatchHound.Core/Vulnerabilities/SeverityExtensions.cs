using PatchHound.Core.Common;

namespace PatchHound.Core.Vulnerabilities;

public static class SeverityExtensions
{
    public const decimal MaxCvssScore = 10.0m;

    extension(Severity)
    {
        /// <summary>
        /// CVSS v3 qualitative rating: 0 None, 0.1–3.9 Low, 4.0–6.9 Medium, 7.0–8.9 High, 9.0–10.0 Critical.
        /// </summary>
        public static Severity FromCvss(decimal score)
        {
            Guard.Rule(
                score is >= 0m and <= MaxCvssScore,
                "vulnerability.invalid_cvss_score",
                $"A CVSS score is between 0 and {MaxCvssScore}; {score} is not.");
            return score switch
            {
                0m => Severity.None,
                < 4.0m => Severity.Low,
                < 7.0m => Severity.Medium,
                < 9.0m => Severity.High,
                _ => Severity.Critical,
            };
        }
    }
}
