namespace PatchHound.Infrastructure.Ai;

public sealed record AiProcessingResult(Guid RequestId, AiProcessingOutcome Outcome);
