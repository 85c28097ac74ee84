using System.Globalization;
using PatchHound.DefenderSimulator.Tenants;

namespace PatchHound.DefenderSimulator.Data;

/// <summary>
/// Device <c>i</c> of a tenant, regenerated from (tenant seed, i) on every request: a 100k-device tenant costs no
/// memory. The id embeds <c>i</c> (masked by the tenant seed), so ids are unique and a single device can be looked up.
/// </summary>
public sealed class MachineGenerator(SimulatedEpoch simulatedEpoch)
{
    private static readonly string[] HealthStatuses = ["Active", "Active", "Active", "Active", "Active", "Active", "Active", "Active", "Inactive", "ImpairedCommunication", "NoSensorData"];
    private static readonly string[] RiskScores = ["None", "Informational", "Low", "Low", "Medium", "Medium", "High"];
    private static readonly string[] ExposureLevels = ["None", "Low", "Low", "Medium", "Medium", "High"];
    private static readonly string[] DeviceValues = ["Normal", "Normal", "Normal", "Normal", "Normal", "Normal", "Low", "High"];
    private static readonly string[] Tags = ["Finance", "Engineering", "Sales", "HR", "VIP", "Kiosk", "Datacenter-A", "Datacenter-B", "Remote"];

    public SimulatedMachine Generate(TenantProfile tenant, long index, int generation)
    {
        var random = SeededRandom.For(tenant.Seed, SeedPurpose.Machine, index);
        var id = string.Create(CultureInfo.InvariantCulture, $"{random.NextUInt64():x16}{(uint)index ^ (uint)tenant.Seed:x8}{random.NextUInt64():x16}");
        var os = random.Pick(OsProfile.Weighted);
        var (version, build) = random.Pick(os.Releases);
        var patch = random.Next(1000, 5000);
        var epoch = simulatedEpoch.Value;
        var firstSeen = epoch.AddDays(-random.Next(30, 900)).AddSeconds(random.Next(86_400)).AddTicks(random.Next(10_000_000));
        var lastSeen = simulatedEpoch.At(generation).AddSeconds(-random.Next(2 * 86_400)).AddTicks(random.Next(10_000_000));
        var tags = random.Next(3) switch
        {
            0 => [],
            1 => new[] { random.Pick(Tags) },
            _ => new[] { random.Pick(Tags), random.Pick(Tags) }.Distinct().ToArray(),
        };
        return new SimulatedMachine(
            index,
            id,
            string.Create(CultureInfo.InvariantCulture, $"{os.HostPrefix}-{index:D6}.{tenant.Fingerprint}.corp.example"),
            firstSeen,
            lastSeen,
            os,
            os.HasWindowsBuild ? string.Create(CultureInfo.InvariantCulture, $"10.0.{build}.{patch}") : version,
            version,
            os.HasWindowsBuild ? build : null,
            string.Create(CultureInfo.InvariantCulture, $"10.{(index >> 16) & 255}.{(index >> 8) & 255}.{(index & 255) | 1}"),
            string.Create(CultureInfo.InvariantCulture, $"203.0.113.{random.Next(1, 255)}"),
            string.Create(CultureInfo.InvariantCulture, $"00155d{random.NextUInt64() & 0xFFFFFF:x6}"),
            string.Create(CultureInfo.InvariantCulture, $"10.8760.{build}.{random.Next(1000, 1999)}"),
            random.Pick(HealthStatuses),
            random.Pick(RiskScores),
            random.Pick(ExposureLevels),
            random.Pick(DeviceValues),
            os.HasWindowsBuild && random.Chance(80) ? NewGuid(ref random) : null,
            tags);
    }

    /// <summary>The index of the device with this id in this tenant, or null when the tenant has no such device.</summary>
    public long? IndexOf(TenantProfile tenant, string id, int generation)
    {
        if (id.Length != 40 || !uint.TryParse(id.AsSpan(16, 8), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var masked))
        {
            return null;
        }

        long index = masked ^ (uint)tenant.Seed;
        return index < tenant.Devices && string.Equals(Generate(tenant, index, generation).Id, id, StringComparison.OrdinalIgnoreCase) ? index : null;
    }

    private static Guid NewGuid(ref SeededRandom random)
    {
        Span<byte> bytes = stackalloc byte[16];
        BitConverter.TryWriteBytes(bytes, random.NextUInt64());
        BitConverter.TryWriteBytes(bytes[8..], random.NextUInt64());
        return new Guid(bytes);
    }
}
