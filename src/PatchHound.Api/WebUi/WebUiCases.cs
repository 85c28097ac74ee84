using System.Globalization;
using PatchHound.Api.Auth;
using PatchHound.Api.Remediation;
using PatchHound.Api.Work;
using PatchHound.Reads.Cases;
using PatchHound.Web.Hosting;

namespace PatchHound.Api.WebUi;

/// <summary>The case pages' writes: the REST endpoints' <see cref="CaseCommands"/>, run by <see cref="WebUiCommands"/>.</summary>
internal sealed class WebUiCases(CaseCommands commands, WebUiCommands run, CurrentCaller caller) : IWebUiCases
{
    internal static readonly WebUiOutcome VersionInvalid = WebUiCommands.Invalid("version", "The form's version is not one this page handed out; reload the case.");

    public Task<WebUiOutcome> CommentAsync(Guid caseId, string? body, CancellationToken cancellationToken)
    {
        var request = new AddCommentRequest(string.IsNullOrWhiteSpace(body) ? null : body.Trim());
        return run.RunAsync(WorkRoles.Workers, request, () => commands.AddCommentAsync(caseId, request, cancellationToken));
    }

    public Task<WebUiOutcome> AssignAsync(Guid caseId, string? assignee, string? version, CancellationToken cancellationToken)
    {
        if (!TryVersion(version, out var expected))
        {
            return Task.FromResult(VersionInvalid);
        }

        switch (assignee?.Trim().ToLowerInvariant())
        {
            case "none":
                return run.RunAsync(WorkRoles.Workers, null, () => commands.UnassignAsync(caseId, expected, cancellationToken));
            case "me" when caller.UserId is { } me:
                return run.RunAsync(WorkRoles.Workers, null, () => commands.AssignAsync(caseId, me, expected, cancellationToken));
            default:
                return Guid.TryParse(assignee, out var userId)
                    ? run.RunAsync(WorkRoles.Workers, null, () => commands.AssignAsync(caseId, userId, expected, cancellationToken))
                    : Task.FromResult(WebUiCommands.Invalid("assigneeUserId", CaseFilter.AssigneeMessage));
        }
    }

    public Task<WebUiOutcome> MoveAsync(Guid caseId, string? stage, string? reason, string? version, CancellationToken cancellationToken)
    {
        if (!TryVersion(version, out var expected))
        {
            return Task.FromResult(VersionInvalid);
        }

        var errors = new Dictionary<string, string[]>();
        var filter = CaseFilter.Parse(null, stage, null, null, errors);
        if (errors.Count > 0 || filter.Stage is null)
        {
            return Task.FromResult(WebUiCommands.Invalid("stage", errors.GetValueOrDefault("stage")?[0] ?? "The stage field is required."));
        }

        var request = new MoveCaseRequest(filter.Stage, null, string.IsNullOrWhiteSpace(reason) ? null : reason.Trim());
        return run.RunAsync(WorkRoles.Workers, request, () => commands.MoveAsync(caseId, request, expected, cancellationToken));
    }

    internal static bool TryVersion(string? text, out uint? version)
    {
        version = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        if (!uint.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
        {
            return false;
        }

        version = parsed;
        return true;
    }
}
