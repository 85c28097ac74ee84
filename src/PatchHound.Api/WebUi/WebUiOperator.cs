using Microsoft.EntityFrameworkCore;
using PatchHound.Api.Admin;
using PatchHound.Api.Admin.Tenants;
using PatchHound.Api.Auth;
using PatchHound.Api.Errors;
using PatchHound.Api.Validation;
using PatchHound.Api.Work;
using PatchHound.Core.Common;
using PatchHound.Core.Identity;
using PatchHound.Core.Tenancy;
using PatchHound.Infrastructure.Persistence;
using PatchHound.Web.Hosting;

namespace PatchHound.Api.WebUi;

/// <summary>The operator pages' writes: <see cref="TenantCommands"/> and <see cref="MembershipCommands"/> behind the admin endpoints' operator policy.</summary>
internal sealed class WebUiOperator(
    TenantCommands commands, MembershipCommands members, FailedJobs failed, IHttpContextAccessor accessor, PatchHoundDbContext db, IServiceProvider services, ILogger<WebUiOperator> logger) : IWebUiOperator
{
    public bool IsOperator => accessor.HttpContext?.User is { } user && PlatformOperatorRule.Allows(user);

    public IReadOnlyList<string> Editions { get; } = Enum.GetNames<TenantEdition>();

    public Task<WebUiOutcome> CreateTenantAsync(string? slug, string? name, string? edition, CancellationToken cancellationToken)
    {
        if (Refused() is { } refused)
        {
            return Task.FromResult(refused);
        }

        if (!TryEnum<TenantEdition>(edition, "edition", out var parsed, out var invalid))
        {
            return Task.FromResult(invalid);
        }

        var request = new CreateTenantRequest(slug?.Trim()!, name?.Trim()!, parsed);
        return RunAsync(request, () => commands.CreateAsync(request, cancellationToken));
    }

    public Task<WebUiOutcome> SuspendTenantAsync(Guid id, CancellationToken cancellationToken) =>
        RunAsync(null, () => commands.SuspendAsync(id, cancellationToken));

    public Task<WebUiOutcome> ReactivateTenantAsync(Guid id, CancellationToken cancellationToken) =>
        RunAsync(null, () => commands.ReactivateAsync(id, cancellationToken));

    public IReadOnlyList<string> Roles { get; } = Enum.GetNames<TenantRole>();

    public async Task<string?> EnterTenantAsync(Guid id, CancellationToken cancellationToken) =>
        IsOperator ? (await OperatorTenants.EnterAsync(db, id, cancellationToken))?.Name : null;

    public Task<WebUiOutcome> AddMemberAsync(Guid tenantId, string? email, string? displayName, string? role, CancellationToken cancellationToken)
    {
        if (Refused() is { } refused)
        {
            return Task.FromResult(refused);
        }

        if (!TryEnum<TenantRole>(role, "role", out var parsed, out var invalid))
        {
            return Task.FromResult(invalid);
        }

        var request = new AddMembershipRequest(email?.Trim()!, string.IsNullOrWhiteSpace(displayName) ? null : displayName.Trim(), parsed);
        return RunAsync(request, () => members.AddAsync(tenantId, request, cancellationToken));
    }

    public Task<WebUiOutcome> ChangeMemberRoleAsync(Guid tenantId, Guid userId, string? role, CancellationToken cancellationToken)
    {
        if (Refused() is { } refused)
        {
            return Task.FromResult(refused);
        }

        if (!TryEnum<TenantRole>(role, "role", out var parsed, out var invalid))
        {
            return Task.FromResult(invalid);
        }

        var request = new ChangeMembershipRoleRequest(parsed);
        return RunAsync(request, () => members.ChangeRoleAsync(tenantId, userId, request, cancellationToken));
    }

    public Task<WebUiOutcome> RemoveMemberAsync(Guid tenantId, Guid userId, CancellationToken cancellationToken) =>
        RunAsync(null, () => members.RemoveAsync(tenantId, userId, cancellationToken));

    public IReadOnlyList<WebUiFailedJob> FailedJobs(int from, int count) =>
        IsOperator ? [.. failed.List(from, count).Select(j => new WebUiFailedJob(j.Id, j.Job, j.FailedAt, j.ExceptionType, j.ExceptionMessage))] : [];

    public WebUiOutcome RequeueJob(string id)
    {
        if (Refused() is { } refused)
        {
            return refused;
        }

        var result = failed.Requeue(id, accessor.HttpContext?.User.FindFirst(PatchHoundClaims.Email)?.Value);
        return result.Refusal is { } refusal ? new WebUiOutcome(refusal.Status, refusal.Title, refusal.Detail, refusal.Errors) : WebUiOutcome.Done;
    }

    // As the API's JSON binding: a name in any case; numbers and unknown names are refused in its words; empty is absent.
    private bool TryEnum<T>(string? text, string field, out T? value, out WebUiOutcome invalid)
        where T : struct, Enum
    {
        value = null;
        invalid = WebUiOutcome.Done;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        if (Enum.GetNames<T>().FirstOrDefault(n => string.Equals(n, text.Trim(), StringComparison.OrdinalIgnoreCase)) is not { } known)
        {
            logger.LogWarning("Operator page write refused: unknown {Field}", field);
            invalid = WebUiCommands.Invalid(field, BodyReadErrors.WrongValue);
            return false;
        }

        value = Enum.Parse<T>(known);
        return true;
    }

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
