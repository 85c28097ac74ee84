namespace PatchHound.Web.Hosting;

/// <summary>
/// The settings pages' writes, implemented by the host with the commands the SLA policy and API key endpoints call
/// and their role rule (TenantAdmins only): a refused caller gets 403, bad input 400 in the API's words.
/// </summary>
public interface IWebUiSettings
{
    /// <summary>The scopes an API key can be given.</summary>
    IReadOnlyList<string> ApiKeyScopes { get; }

    /// <summary>Form values arrive as text; a value that is not a whole number is refused like an out-of-range one.</summary>
    Task<WebUiOutcome> ChangeSlaPolicyAsync(string? criticalDays, string? highDays, string? mediumDays, string? lowDays, CancellationToken cancellationToken);

    /// <summary>The created key's secret is in the answer only: the page shows it once and nothing stores it.</summary>
    Task<WebUiCreatedApiKey> CreateApiKeyAsync(string? name, IReadOnlyList<string> scopes, string? expiresInDays, CancellationToken cancellationToken);

    Task<WebUiOutcome> RevokeApiKeyAsync(Guid id, CancellationToken cancellationToken);
}

/// <summary>What creating an API key answered; <see cref="Secret"/> only when it succeeded.</summary>
public sealed record WebUiCreatedApiKey(WebUiOutcome Outcome, string? Name = null, string? Secret = null);
