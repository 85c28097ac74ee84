using PatchHound.DefenderSimulator.Tenants;

namespace PatchHound.DefenderSimulator.Data;

/// <summary>
/// The changes between two generations of a tenant, as Defender's delta export reports them: a finding slot whose
/// content changed gives Fixed (the old content) and New (the new one); an unchanged slot is now and then Updated
/// (<see cref="UpdatePercent"/>); a device that moved between RBAC groups (<see cref="RbacMovePercent"/> of devices
/// per delta, seeded by the generations) lists all its rows twice, Fixed under the previous group and New under the current one (documented).
/// The world of the target generation is the same as the full export's, so deltas applied in turn equal a full run.
/// </summary>
public static class DeltaChanges
{
    public const string New = "New";
    public const string Fixed = "Fixed";
    public const string Updated = "Updated";

    private const double UpdatePercent = 2;
    private const double RbacMovePercent = 1;

    public static IEnumerable<DeltaEvent> Between(TenantProfile tenant, int from, int to)
    {
        if (to <= from)
        {
            yield break;
        }

        for (long device = 0; device < tenant.Devices; device++)
        {
            var moved = SeededRandom.For(tenant.Seed, SeedPurpose.RbacMove, device, from, to).Chance(RbacMovePercent);
            for (var slot = 0; slot < tenant.FindingsPerDevice; slot++)
            {
                var before = FindingChurn.ContentKey(tenant, device, slot, from);
                var after = FindingChurn.ContentKey(tenant, device, slot, to);
                if (before != after)
                {
                    yield return new DeltaEvent(device, slot, false, Fixed, from, false);
                    yield return new DeltaEvent(device, slot, false, New, to, false);
                }
                else if (moved)
                {
                    yield return new DeltaEvent(device, slot, false, Fixed, to, true);
                    yield return new DeltaEvent(device, slot, false, New, to, false);
                }
                else if (SeededRandom.For(tenant.Seed, SeedPurpose.DeltaUpdate, device, slot, to).Chance(UpdatePercent))
                {
                    yield return new DeltaEvent(device, slot, false, Updated, to, false);
                }
            }

            for (var index = 0; moved && index < tenant.InstalledSoftwarePerDevice; index++)
            {
                yield return new DeltaEvent(device, index, true, Fixed, to, true);
                yield return new DeltaEvent(device, index, true, New, to, false);
            }
        }
    }
}
