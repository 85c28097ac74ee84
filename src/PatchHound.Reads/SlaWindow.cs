using Microsoft.Extensions.Options;
using PatchHound.Core.Sla;
using PatchHound.Infrastructure.Sweeps;

namespace PatchHound.Reads;

/// <summary>
/// "Now" for SLA states, with the due-soon window of the SLA check (<see cref="SweepOptions.SlaDueSoonDays"/>), so a
/// finding the API shows as due soon is one the sweep notifies as due soon.
/// </summary>
internal sealed record SlaWindow(DateTimeOffset Now, TimeSpan DueSoon)
{
    public DateTimeOffset DueSoonUntil => Now + DueSoon;

    public static SlaWindow At(TimeProvider clock, IOptions<SweepOptions> options) =>
        new(clock.GetUtcNow(), TimeSpan.FromDays(options.Value.SlaDueSoonDays));

    public SlaState? StateOf(Core.Findings.FindingStatus status, DateTimeOffset? dueAt) =>
        SlaCalculator.OpenStateAt(status, dueAt, Now, DueSoon);
}
