namespace PatchHound.Web.Hosting;

/// <summary>
/// The source page's run controls, implemented by the host with the commands the ingestion runs endpoints call and
/// their role rule (TenantAdmins only): a refused caller gets 403, a missing source or run 404, an active or finished
/// run 409, in the API's words.
/// </summary>
public interface IWebUiIngestion
{
    Task<WebUiOutcome> TriggerAsync(Guid sourceId, CancellationToken cancellationToken);

    Task<WebUiOutcome> CancelAsync(Guid sourceId, Guid runId, CancellationToken cancellationToken);
}
