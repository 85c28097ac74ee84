namespace PatchHound.Web.Hosting;

/// <summary>
/// The operator pages' port, implemented by the host with the commands the <c>/api/admin/tenants</c> endpoints call and
/// their rule (platform operators only): anyone else gets 403, bad input 400, a taken slug or a refused transition 409.
/// </summary>
public interface IWebUiOperator
{
    /// <summary>The caller is a platform operator (the admin endpoints' policy).</summary>
    bool IsOperator { get; }

    IReadOnlyList<string> Editions { get; }

    Task<WebUiOutcome> CreateTenantAsync(string? slug, string? name, string? edition, CancellationToken cancellationToken);

    Task<WebUiOutcome> SuspendTenantAsync(Guid id, CancellationToken cancellationToken);

    Task<WebUiOutcome> ReactivateTenantAsync(Guid id, CancellationToken cancellationToken);

    IReadOnlyList<string> Roles { get; }

    /// <summary>Enters the tenant for its members' reads, as the membership endpoints do; its name, or null when there is none.</summary>
    Task<string?> EnterTenantAsync(Guid id, CancellationToken cancellationToken);

    Task<WebUiOutcome> AddMemberAsync(Guid tenantId, string? email, string? displayName, string? role, CancellationToken cancellationToken);

    Task<WebUiOutcome> ChangeMemberRoleAsync(Guid tenantId, Guid userId, string? role, CancellationToken cancellationToken);

    Task<WebUiOutcome> RemoveMemberAsync(Guid tenantId, Guid userId, CancellationToken cancellationToken);

    /// <summary>The Failed list from <paramref name="from"/> (the jobs API's offset paging); empty for anyone but an operator.</summary>
    IReadOnlyList<WebUiFailedJob> FailedJobs(int from, int count);

    WebUiOutcome RequeueJob(string id);
}
