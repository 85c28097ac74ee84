using System.Globalization;
using PatchHound.Api.Approvals;
using PatchHound.Api.Auth;
using PatchHound.Api.Work;
using PatchHound.Web.Hosting;

namespace PatchHound.Api.WebUi;

/// <summary>The approvals pages' writes: <see cref="ApprovalDecisions"/> and <see cref="RiskAcceptanceRevocation"/>, run by <see cref="WebUiCommands"/>.</summary>
internal sealed class WebUiApprovals(ApprovalDecisions decisions, RiskAcceptanceRevocation revocation, WebUiCommands run, CurrentCaller caller)
    : IWebUiApprovals
{
    public Task<WebUiOutcome> DecideAsync(
        Guid approvalId, string? decision, string? justification, string? acceptedUntil, string? version, CancellationToken cancellationToken)
    {
        if (caller.UserId is null)
        {
            return Task.FromResult(new WebUiOutcome(StatusCodes.Status403Forbidden, "Forbidden", "This needs a signed-in user; an API key cannot do it."));
        }

        if (!WebUiCases.TryVersion(version, out var expected))
        {
            return Task.FromResult(WebUiCases.VersionInvalid);
        }

        DateTimeOffset? until = null;
        if (!string.IsNullOrWhiteSpace(acceptedUntil))
        {
            if (!DateOnly.TryParseExact(acceptedUntil.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                return Task.FromResult(WebUiCommands.Invalid("acceptedUntil", "A date, e.g. 2026-12-31."));
            }

            until = new DateTimeOffset(day.ToDateTime(new TimeOnly(23, 59)), TimeSpan.Zero);
        }

        var comment = string.IsNullOrWhiteSpace(justification) ? null : justification.Trim();
        var form = new PageDecision(comment);
        return decision?.Trim().ToLowerInvariant() switch
        {
            "approve" => run.RunAsync(WorkRoles.Approvers, form, () => decisions.ApproveAsync(approvalId, new ApproveRequest(comment, until), expected, cancellationToken)),
            "deny" => run.RunAsync(WorkRoles.Approvers, form, () => decisions.DenyAsync(approvalId, new DenyRequest(comment), expected, cancellationToken)),
            _ => Task.FromResult(WebUiCommands.Invalid("decision", "One of: approve, deny.")),
        };
    }

    public Task<WebUiOutcome> RevokeAsync(Guid acceptanceId, string? reason, CancellationToken cancellationToken)
    {
        var trimmed = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        return run.RunAsync(
            WorkRoles.Approvers, new PageRevocation(trimmed), () => revocation.RevokeAsync(acceptanceId, new RevokeRequest(trimmed), cancellationToken));
    }
}
