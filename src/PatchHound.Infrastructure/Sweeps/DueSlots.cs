namespace PatchHound.Infrastructure.Sweeps;

/// <summary>Cron slots due now, oldest first; <paramref name="SkippedOlder"/> when older due slots were left out.</summary>
public sealed record DueSlots(IReadOnlyList<DateTimeOffset> Slots, bool SkippedOlder)
{
    public static DueSlots None { get; } = new([], false);
}
