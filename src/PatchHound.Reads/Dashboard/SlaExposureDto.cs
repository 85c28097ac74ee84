namespace PatchHound.Reads.Dashboard;

/// <summary>Open findings past their SLA deadline, and those due within the next <see cref="DueSoonDays"/> days.</summary>
internal sealed record SlaExposureDto(int Breached, int DueSoon, int DueSoonDays);
