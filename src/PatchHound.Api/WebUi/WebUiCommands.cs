using Microsoft.EntityFrameworkCore;
using PatchHound.Api.Errors;
using PatchHound.Api.Tenancy;
using PatchHound.Api.Validation;
using PatchHound.Api.Work;
using PatchHound.Core.Common;
using PatchHound.Core.Identity;
using PatchHound.Infrastructure.Persistence;
using PatchHound.Web.Hosting;

namespace PatchHound.Api.WebUi;

/// <summary>
/// Runs a page's write the way the REST pipeline runs an endpoint's: the caller needs one of the endpoint's roles in
/// the entered tenant (403 otherwise), the request passes the same DataAnnotations validation, and the exceptions
/// the API's handler answers (rule violations, concurrency conflicts) come back as the same status and words.
/// </summary>
internal sealed class WebUiCommands(
    PatchHoundDbContext db, IHttpContextAccessor accessor, IServiceProvider services, ILogger<WebUiCommands> logger)
{
    public async Task<WebUiOutcome> RunAsync<T>(
        IReadOnlyList<TenantRole> allowed, object? request, Func<Task<CommandResult<T>>> command)
    {
        var user = accessor.HttpContext?.User ?? new System.Security.Claims.ClaimsPrincipal();
        if (!TenantRouteFilter.RolesIn(user, db.Tenant.RequireTenantId()).Any(allowed.Contains))
        {
            logger.LogWarning("Page write refused: the caller has none of the roles {Roles}", string.Join(", ", allowed));
            return new WebUiOutcome(StatusCodes.Status403Forbidden, "Forbidden", $"This needs one of the roles {string.Join(", ", allowed)} in the tenant.");
        }

        if (request is not null && RequestValidation.ErrorsOf(request, services) is { Count: > 0 } errors)
        {
            return new WebUiOutcome(StatusCodes.Status400BadRequest, "One or more validation errors occurred.", null, errors);
        }

        try
        {
            var result = await command();
            return result.Refusal is { } refusal ? new WebUiOutcome(refusal.Status, refusal.Title, refusal.Detail, refusal.Errors) : WebUiOutcome.Done;
        }
        catch (Exception e) when (e is DomainRuleViolationException or DbUpdateConcurrencyException)
        {
            var (status, title, detail) = ApiExceptionHandler.Describe(e);
            logger.LogWarning("{Title} on a page write: {Detail}", title, e.Message);
            db.ChangeTracker.Clear(); // the page re-reads the case as it is now
            return new WebUiOutcome(status, title, detail);
        }
    }

    public static WebUiOutcome Invalid(string field, string message) =>
        new(StatusCodes.Status400BadRequest, "One or more validation errors occurred.", message, new Dictionary<string, string[]> { [field] = [message] });
}
