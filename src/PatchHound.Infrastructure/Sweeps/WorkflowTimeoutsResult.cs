namespace PatchHound.Infrastructure.Sweeps;

/// <summary>
/// Cases this run escalated, and past-due cases it did not: they changed while it worked, usually because another
/// worker escalated them first.
/// </summary>
public sealed record WorkflowTimeoutsResult(int Escalated, int Skipped);
