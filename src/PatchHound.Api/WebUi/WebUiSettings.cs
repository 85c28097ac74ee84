using System.Globalization;
using PatchHound.Api.ApiKeys;
using PatchHound.Api.Sla;
using PatchHound.Api.Work;
using PatchHound.Core.Identity;
using PatchHound.Reads.Settings;
using PatchHound.Web.Hosting;

namespace PatchHound.Api.WebUi;

/// <summary>The settings pages' writes: <see cref="SlaPolicyCommands"/> and <see cref="ApiKeyCommands"/>, run by <see cref="WebUiCommands"/>.</summary>
internal sealed class WebUiSettings(SlaPolicyCommands sla, ApiKeyCommands keys, WebUiCommands run) : IWebUiSettings
{
    private static readonly IReadOnlyList<TenantRole> Admins = [TenantRole.TenantAdmin];

    IReadOnlyList<string> IWebUiSettings.ApiKeyScopes => ApiKeyScopes.All;

    public Task<WebUiOutcome> ChangeSlaPolicyAsync(
        string? criticalDays, string? highDays, string? mediumDays, string? lowDays, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var request = new SlaPolicyRequest(
            Whole(criticalDays, "criticalDays", errors), Whole(highDays, "highDays", errors), Whole(mediumDays, "mediumDays", errors), Whole(lowDays, "lowDays", errors));
        if (errors.Count > 0)
        {
            return Task.FromResult(new WebUiOutcome(StatusCodes.Status400BadRequest, "One or more validation errors occurred.", null, errors));
        }

        return run.RunAsync(Admins, request, async () => (CommandResult<SlaPolicyDto>)await sla.ChangeAsync(request, cancellationToken));
    }

    public async Task<WebUiCreatedApiKey> CreateApiKeyAsync(
        string? name, IReadOnlyList<string> scopes, string? expiresInDays, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var days = Whole(expiresInDays, "expiresInDays", errors);
        if (errors.Count > 0)
        {
            return new WebUiCreatedApiKey(new WebUiOutcome(StatusCodes.Status400BadRequest, "One or more validation errors occurred.", null, errors));
        }

        var request = new CreateApiKeyRequest(string.IsNullOrWhiteSpace(name) ? null! : name.Trim(), [.. scopes], days);
        CreatedApiKeyDto? created = null;
        var outcome = await run.RunAsync(Admins, request, async () =>
        {
            var result = await keys.CreateAsync(request, cancellationToken);
            created = result.Value;
            return result;
        });
        return outcome.Succeeded && created is not null ? new WebUiCreatedApiKey(outcome, created.Key.Name, created.Secret) : new WebUiCreatedApiKey(outcome);
    }

    public Task<WebUiOutcome> RevokeApiKeyAsync(Guid id, CancellationToken cancellationToken) =>
        run.RunAsync(Admins, null, () => keys.RevokeAsync(id, cancellationToken));

    /// <summary>Empty is absent (the validation's Required says so); anything else must be a whole number.</summary>
    private static int? Whole(string? text, string field, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (int.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        errors[field] = ["Must be a whole number."];
        return null;
    }
}
