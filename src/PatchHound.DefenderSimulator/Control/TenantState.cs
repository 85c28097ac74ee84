using PatchHound.DefenderSimulator.Tenants;

namespace PatchHound.DefenderSimulator.Control;

/// <summary>A tenant's effective profile and generation, as the control endpoints report it.</summary>
public sealed record TenantState(
    string TenantId,
    int Generation,
    int Devices,
    int FindingsPerDevice,
    long TotalFindings,
    int InstalledSoftwarePerDevice,
    double ChurnPercent,
    double ReopenPercent,
    double KevPercent)
{
    public static TenantState Of(TenantDirectory tenants, string tenantId)
    {
        var profile = tenants.Profile(tenantId);
        return new TenantState(tenantId, tenants.Generation(tenantId), profile.Devices, profile.FindingsPerDevice,
            profile.TotalFindings, profile.InstalledSoftwarePerDevice, profile.ChurnPercent, profile.ReopenPercent, profile.KevPercent);
    }
}
