using PatchHound.Api.Ingestion;
using PatchHound.Api.Tenancy;
using PatchHound.Core.Identity;
using PatchHound.Infrastructure.Persistence;
using PatchHound.Web.Hosting;

namespace PatchHound.Api.WebUi;

/// <summary>The source page's run controls: <see cref="IngestionRunCommands"/> behind the runs endpoints' role rule.</summary>
internal sealed class WebUiIngestion(
    IngestionRunCommands commands, PatchHoundDbContext db, IHttpContextAccessor accessor, ILogger<WebUiIngestion> logger) : IWebUiIngestion
{
    public async Task<WebUiOutcome> TriggerAsync(Guid sourceId, CancellationToken cancellationToken) =>
        Refused() ?? Outcome(await commands.TriggerAsync(sourceId, cancellationToken), sourceId, null);

    public async Task<WebUiOutcome> CancelAsync(Guid sourceId, Guid runId, CancellationToken cancellationToken) =>
        Refused() ?? Outcome(await commands.CancelAsync(sourceId, runId, cancellationToken), sourceId, runId);

    private static WebUiOutcome Outcome(IngestionRunChange change, Guid sourceId, Guid? runId)
    {
        if (change.Outcome == IngestionRunOutcome.Done)
        {
            return WebUiOutcome.Done;
        }

        var (status, title, detail) = change.Problem(sourceId, runId);
        return new WebUiOutcome(status, title, detail);
    }

    private WebUiOutcome? Refused()
    {
        var user = accessor.HttpContext?.User ?? new System.Security.Claims.ClaimsPrincipal();
        if (TenantRouteFilter.RolesIn(user, db.Tenant.RequireTenantId()).Contains(TenantRole.TenantAdmin))
        {
            return null;
        }

        logger.LogWarning("Ingestion run control from a page refused: the caller is not a {Role}", TenantRole.TenantAdmin);
        return new WebUiOutcome(StatusCodes.Status403Forbidden, "Forbidden", $"This needs the role {TenantRole.TenantAdmin} in the tenant.");
    }
}
