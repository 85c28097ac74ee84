using PatchHound.DefenderSimulator.Tenants;

namespace PatchHound.DefenderSimulator.Data;

/// <summary>
/// Which content a finding slot (device, slot) holds in generation g. At each advance a slot churns with probability
/// ChurnPercent: its finding is resolved and replaced by a new one (content key = that generation), or — for
/// ReopenPercent of churn events — by the finding the slot lost at its previous churn, which so reappears.
/// Computed by looking back from g, so no history is stored.
/// </summary>
public static class FindingChurn
{
    public static int ContentKey(TenantProfile tenant, long device, int slot, int generation)
    {
        if (tenant.ChurnPercent <= 0)
        {
            return 0;
        }

        var churn = LastChurn(tenant, device, slot, generation);
        if (churn is not { } at)
        {
            return 0;
        }

        if (SeededRandom.For(tenant.Seed, SeedPurpose.Reopen, device, slot, at).Chance(tenant.ReopenPercent)
            && LastChurn(tenant, device, slot, at - 1) is { } previous)
        {
            return ContentKey(tenant, device, slot, previous - 1);
        }

        return at;
    }

    private static int? LastChurn(TenantProfile tenant, long device, int slot, int upTo)
    {
        for (var generation = upTo; generation >= 1; generation--)
        {
            if (SeededRandom.For(tenant.Seed, SeedPurpose.Churn, device, slot, generation).Chance(tenant.ChurnPercent))
            {
                return generation;
            }
        }

        return null;
    }
}
