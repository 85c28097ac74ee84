using Microsoft.EntityFrameworkCore;
using PatchHound.Core.Inventory;

namespace PatchHound.Reads.Devices;

/// <summary>Keyset paging of devices: (sort key, id) row comparisons; every device key is non-null.</summary>
internal static class DeviceKeyset
{
    public static IOrderedQueryable<Device> Ordered(IQueryable<Device> devices, SortOrder<DeviceSortKey> sort) =>
        (sort.Key, sort.Descending) switch
        {
            (DeviceSortKey.Name, false) => devices.OrderBy(d => d.Name).ThenBy(d => d.Id),
            (DeviceSortKey.Name, true) => devices.OrderByDescending(d => d.Name).ThenByDescending(d => d.Id),
            (DeviceSortKey.RiskScore, false) => devices.OrderBy(d => d.RiskScore).ThenBy(d => d.Id),
            (DeviceSortKey.RiskScore, true) => devices.OrderByDescending(d => d.RiskScore).ThenByDescending(d => d.Id),
            (DeviceSortKey.LastSeen, false) => devices.OrderBy(d => d.LastSeenAt).ThenBy(d => d.Id),
            (DeviceSortKey.LastSeen, true) => devices.OrderByDescending(d => d.LastSeenAt).ThenByDescending(d => d.Id),
            _ => throw new ArgumentOutOfRangeException(nameof(sort), sort, "Unknown sort."),
        };

    public static IQueryable<Device> After(IQueryable<Device> devices, SortOrder<DeviceSortKey> sort, DeviceCursor after)
    {
        var hasKey = sort.Key switch
        {
            DeviceSortKey.Name => after.Name is not null,
            DeviceSortKey.RiskScore => after.RiskScore is not null,
            _ => after.LastSeenAt is not null,
        };
        if (after.Sort != sort.ToString() || !hasKey || after.Id == Guid.Empty)
        {
            throw new BadHttpRequestException("The cursor belongs to another sort; start again without a cursor.");
        }

        var id = after.Id;
        switch (sort.Key)
        {
            case DeviceSortKey.Name:
                var name = after.Name!;
                return sort.Descending
                    ? devices.Where(d => EF.Functions.LessThan(ValueTuple.Create(d.Name, d.Id), ValueTuple.Create(name, id)))
                    : devices.Where(d => EF.Functions.GreaterThan(ValueTuple.Create(d.Name, d.Id), ValueTuple.Create(name, id)));
            case DeviceSortKey.RiskScore:
                var risk = after.RiskScore!.Value;
                return sort.Descending
                    ? devices.Where(d => EF.Functions.LessThan(ValueTuple.Create(d.RiskScore, d.Id), ValueTuple.Create(risk, id)))
                    : devices.Where(d => EF.Functions.GreaterThan(ValueTuple.Create(d.RiskScore, d.Id), ValueTuple.Create(risk, id)));
            default:
                var at = after.LastSeenAt!.Value;
                return sort.Descending
                    ? devices.Where(d => EF.Functions.LessThan(ValueTuple.Create(d.LastSeenAt, d.Id), ValueTuple.Create(at, id)))
                    : devices.Where(d => EF.Functions.GreaterThan(ValueTuple.Create(d.LastSeenAt, d.Id), ValueTuple.Create(at, id)));
        }
    }

    public static DeviceCursor CursorAt(DeviceDto row, SortOrder<DeviceSortKey> sort) => sort.Key switch
    {
        DeviceSortKey.Name => new DeviceCursor(sort.ToString(), row.Id, Name: row.Name),
        DeviceSortKey.RiskScore => new DeviceCursor(sort.ToString(), row.Id, RiskScore: row.RiskScore),
        DeviceSortKey.LastSeen => new DeviceCursor(sort.ToString(), row.Id, LastSeenAt: row.LastSeenAt),
        _ => throw new ArgumentOutOfRangeException(nameof(sort), sort, "Unknown sort."),
    };
}
