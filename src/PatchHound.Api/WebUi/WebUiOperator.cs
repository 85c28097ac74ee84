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
    TenantCommands commands, CurrentCaller caller, PatchHoundDbContext db, IServiceProvider services, ILogger<WebUiOperator> logger) : IWebUiOperator
{
    public bool IsOperator => caller.IsPlatformOperator;

    public IReadOnlyList<string> Editions { get; } = Enum.GetNames<TenantEdition>();

    public Task<WebUiOutcome> CreateTenantAsync(string? slug, string? name, string? edition, CancellationToken cancellationToken)
    {
        TenantEdition? parsed = null;
        if (!string.IsNullOrWhiteSpace(edition))
        {
            if (!Enum.TryParse<TenantEdition>(edition, ignoreCase: false, out var value) || !Enum.IsDefined(value))
            {
                return Task.FromResult(WebUiCommands.Invalid("edition", $"One of: {string.Join(", ", Editions)}."));
            }

            parsed = value;
        }

        var request = new CreateTenantRequest(slug?.Trim()!, name?.Trim()!, parsed);
        return RunAsync(request, () => commands.CreateAsync(request, cancellationToken));
    }

    public Task<WebUiOutcome> SuspendTenantAsync(Guid id, CancellationToken cancellationToken) =>
        RunAsync(null, () => commands.SuspendAsync(id, cancellationToken));

    public Task<WebUiOutcome> ReactivateTenantAsync(Guid id, CancellationToken cancellationToken) =>
        RunAsync(null, () => commands.ReactivateAsync(id, cancellationToken));

    private async Task<WebUiOutcome> RunAsync(object? request, Func<Task<CommandResult<PatchHound.Reads.Operator.TenantDto>>> command)
    {
        if (!caller.IsPlatformOperator)
        {
            logger.LogWarning("Operator page write refused: the caller is not a platform operator");
            return new WebUiOutcome(StatusCodes.Status403Forbidden, "Forbidden", "This needs a platform operator.");
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
            logger.LogWarning("{Title} on an operator page write: {Detail}", title, e.Message);
            db.ChangeTracker.Clear();
            return new WebUiOutcome(status, title, detail);
        }
    }
}
