using Microsoft.EntityFrameworkCore;
using PatchHound.Infrastructure.Persistence;

namespace PatchHound.Infrastructure.Ai;

/// <summary>The conversation sent for a claimed request: fixed instructions, then the user's question in context.</summary>
public sealed class AiRemediationPromptBuilder(PatchHoundDbContext db)
{
    public const string Instructions =
        "You are a vulnerability remediation assistant for IT operations teams. Answer with concrete, safe steps: " +
        "the fixed versions to install, mitigations when no fix exists yet, and how to verify the result. " +
        "Say so when you are not sure.";

    public async Task<IReadOnlyList<ChatMessage>> BuildAsync(AiClaim claim, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claim);
        var vulnerability = claim.VulnerabilityId is null
            ? null
            : await db.Vulnerabilities.AsNoTracking()
                .Where(v => v.Id == claim.VulnerabilityId)
                .Select(v => new { v.Id, v.Title, v.Severity })
                .SingleOrDefaultAsync(cancellationToken);

        var question = vulnerability is null
            ? claim.Prompt
            : $"Vulnerability: {vulnerability.Id} - {vulnerability.Title} (severity: {vulnerability.Severity})\n\n{claim.Prompt}";
        return [ChatMessage.System(Instructions), ChatMessage.User(question)];
    }
}
