namespace PatchHound.Web.Hosting;

/// <summary>
/// The notifications page's writes, implemented by the host with the commands the REST endpoints call and the same
/// role rule (TenantAdmins and Analysts mark read; Auditors only read), for the caller in the entered tenant.
/// </summary>
public interface IWebUiNotifications
{
    Task<WebUiOutcome> MarkReadAsync(Guid notificationId, CancellationToken cancellationToken);

    Task<WebUiOutcome> MarkAllReadAsync(CancellationToken cancellationToken);
}
