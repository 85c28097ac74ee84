namespace PatchHound.Infrastructure.Sweeps;

/// <summary>Notifications one SLA check created (not counting those that already existed).</summary>
public sealed record SlaCheckResult(int FindingsDueSoon, int FindingsBreached, int CasesDueSoon, int CasesBreached)
{
    public int Total => FindingsDueSoon + FindingsBreached + CasesDueSoon + CasesBreached;
}
