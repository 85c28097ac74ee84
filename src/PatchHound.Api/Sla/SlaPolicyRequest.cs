using System.ComponentModel.DataAnnotations;
using PatchHound.Core.Sla;

namespace PatchHound.Api.Sla;

/// <summary>The whole policy: days to remediate per severity, each 1 to 3650.</summary>
// Public because the .NET 10 validation generator skips internal types, which would go unvalidated.
public sealed record SlaPolicyRequest(
    [Required, Range(1, SlaPolicy.MaxDays)] int? CriticalDays,
    [Required, Range(1, SlaPolicy.MaxDays)] int? HighDays,
    [Required, Range(1, SlaPolicy.MaxDays)] int? MediumDays,
    [Required, Range(1, SlaPolicy.MaxDays)] int? LowDays);
