namespace PatchHound.Web.Hosting;

/// <summary>
/// The approvals and risk acceptances pages' writes, implemented by the host with the commands the REST endpoints
/// call and their role rule (TenantAdmins only): the same validation, the same refusals (403 for the requester
/// approving their own request, 404 for an id outside the tenant, 409 for a request decided meanwhile). The pages
/// ask a justification for every decision and a reason for every revocation.
/// </summary>
public interface IWebUiApprovals
{
    /// <summary>Approves (<paramref name="decision"/> "approve") or denies ("deny") a request; the date ends the acceptance.</summary>
    Task<WebUiOutcome> DecideAsync(
        Guid approvalId, string? decision, string? justification, string? acceptedUntil, string? version, CancellationToken cancellationToken);

    Task<WebUiOutcome> RevokeAsync(Guid acceptanceId, string? reason, CancellationToken cancellationToken);
}
