using Microsoft.EntityFrameworkCore;
using PatchHound.Api.Admin.Tenants;
using PatchHound.Api.Auth;
using PatchHound.Api.Errors;
using PatchHound.Api.Validation;
using PatchHound.Api.Work;
using PatchHound.Core.Common;
using PatchHound.Core.Tenancy;
using PatchHound.Infrastructure.Persistence;
using PatchHound.Web.Hosting;

namespace PatchHound.Api.WebUi;

/// <summary>The operator pages' writes: <see cref="TenantCommands"/> behind the admin endpoints' operator policy.</summary>
internal sealed class WebUiOperator(
    TenantCommands commands, IHttpContextAccessor accessor, PatchHoundDbContext db, IServiceProvider services, ILogger<WebUiOperator> logger) : IWebUiOperator
{
    public bool IsOperator => accessor.HttpContext?.User is { } user && PlatformOperatorRule.Allows(user);

    public IReadOnlyList<string> Editions { get; } = Enum.GetNames<TenantEdition>();

    public Task<WebUiOutcome> CreateTenantAsync(string? slug, string? name, string? edition, CancellationToken cancellationToken)
    {
        if (Refused() is { } refused)
        {
            return Task.FromResult(refused);
        }

        TenantEdition? parsed = null;
        if (!string.IsNullOrWhiteSpace(edition))
        {
            // As the API's JSON binding: a name, any case; numbers and unknown names are refused in its words.
            if (Editions.FirstOrDefault(e => string.Equals(e, edition.Trim(), StringComparison.OrdinalIgnoreCase)) is not { } known)
            {
                logger.LogWarning("Operator page: tenant not created, unknown edition");
                return Task.FromResult(WebUiCommands.Invalid("edition", BodyReadErrors.WrongValue));
            }

            parsed = Enum.Parse<TenantEdition>(known);
        }

        var request = new CreateTenantRequest(slug?.Trim()!, name?.Trim()!, parsed);
        return RunAsync(request, () => commands.CreateAsync(request, cancellationToken));
    }

    public Task<WebUiOutcome> SuspendTenantAsync(Guid id, CancellationToken cancellationToken) =>
        RunAsync(null, () => commands.SuspendAsync(id, cancellationToken));

    public Task<WebUiOutcome> ReactivateTenantAsync(Guid id, CancellationToken cancellationToken) =>
        RunAsync(null, () => commands.ReactivateAsync(id, cancellationToken));

    /// <summary>403 in the API's words for anyone the admin endpoints' policy refuses; checked before any input is read.</summary>
    private WebUiOutcome? Refused()
    {
        if (IsOperator)
        {
            return null;
        }

        logger.LogWarning("Operator page write refused: the caller is not a platform operator");
        return new WebUiOutcome(StatusCodes.Status403Forbidden, "Forbidden", "Your roles do not allow this.");
    }

    private async Task<WebUiOutcome> RunAsync<T>(object? request, Func<Task<CommandResult<T>>> command)
    {
        if (Refused() is { } refused)
        {
            return refused;
        }

        if (request is not null && RequestValidation.ErrorsOf(request, services) is { Count: > 0 } errors)
        {
            logger.LogWarning("Operator page write refused: invalid {Fields}", string.Join(", ", errors.Keys));
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
            logger.LogWarning("{Title} on an operator page write: {Detail}", title, e.Message);
            db.ChangeTracker.Clear();
            var fields = e is DomainRuleViolationException rule && status == StatusCodes.Status400BadRequest ? DomainFieldErrors.From(rule) : null;
            return new WebUiOutcome(status, title, detail, fields);
        }
    }
}
