namespace PatchHound.Web.Hosting;

/// <summary>
/// The case writes of the pages, implemented by the host with the same commands the REST endpoints call, the same
/// validation and the same role rule (TenantAdmins and Analysts write; Auditors only read). Form values arrive as
/// text and are parsed there, so a bad value gets the API's message. A version, when given, must still be the case's.
/// </summary>
public interface IWebUiCases
{
    Task<WebUiOutcome> CommentAsync(Guid caseId, string? body, CancellationToken cancellationToken);

    /// <summary>Assigns the case to a user id, "me", or "none" (unassigns it).</summary>
    Task<WebUiOutcome> AssignAsync(Guid caseId, string? assignee, string? version, CancellationToken cancellationToken);

    Task<WebUiOutcome> MoveAsync(Guid caseId, string? stage, string? reason, string? version, CancellationToken cancellationToken);
}
