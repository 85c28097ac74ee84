using System.Globalization;
using PatchHound.Api.Sources;
using PatchHound.Api.Work;
using PatchHound.Core.Identity;
using PatchHound.Core.Sources;
using PatchHound.Web.Hosting;

namespace PatchHound.Api.WebUi;

/// <summary>The source pages' writes: <see cref="SourceCommands"/>, run by <see cref="WebUiCommands"/> behind the endpoints' role rule.</summary>
internal sealed class WebUiSources(SourceCommands commands, WebUiCommands run) : IWebUiSources
{
    private static readonly IReadOnlyList<TenantRole> Admins = [TenantRole.TenantAdmin];

    public IReadOnlyList<string> Kinds { get; } = Enum.GetNames<SourceKind>();

    public IReadOnlyList<string> PullModes { get; } = Enum.GetNames<SourcePullMode>();

    public async Task<WebUiCreatedSource> CreateAsync(WebUiSourceForm form, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var kind = Member<SourceKind>(form.Kind, "kind", errors);
        var pullMode = Member<SourcePullMode>(form.PullMode, "pullMode", errors);
        var pageSize = Whole(form.PageSize, "pageSize", errors);
        var interval = Whole(form.FullRunIntervalDays, "fullRunIntervalDays", errors);
        if (errors.Count > 0)
        {
            return new WebUiCreatedSource(new WebUiOutcome(StatusCodes.Status400BadRequest, "One or more validation errors occurred.", null, errors));
        }

        var request = new CreateSourceRequest(kind, Text(form.Name)!, Text(form.CronSchedule)!, Text(form.BaseUrl)!, pageSize, form.Enabled, interval, pullMode);
        Guid? id = null;
        var outcome = await run.RunAsync(Admins, request, async () =>
        {
            var result = await commands.CreateAsync(request, cancellationToken);
            id = result.Value?.Id;
            return result;
        });
        return outcome.Succeeded ? new WebUiCreatedSource(outcome, id) : new WebUiCreatedSource(outcome);
    }

    public Task<WebUiOutcome> UpdateAsync(Guid id, WebUiSourceForm form, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var pullMode = Member<SourcePullMode>(form.PullMode, "pullMode", errors);
        var pageSize = Whole(form.PageSize, "pageSize", errors);
        var interval = Whole(form.FullRunIntervalDays, "fullRunIntervalDays", errors);
        if (errors.Count > 0)
        {
            return Task.FromResult(new WebUiOutcome(StatusCodes.Status400BadRequest, "One or more validation errors occurred.", null, errors));
        }

        var request = new UpdateSourceRequest(Text(form.Name)!, Text(form.CronSchedule)!, Text(form.BaseUrl)!, pageSize, form.Enabled, interval, pullMode);
        return run.RunAsync(Admins, request, () => commands.UpdateAsync(id, request, cancellationToken));
    }

    private static string? Text(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static TEnum? Member<TEnum>(string? text, string field, Dictionary<string, string[]> errors)
        where TEnum : struct, Enum
    {
        if (QueryValues.TryParseEnum<TEnum>(Text(text), out var member))
        {
            return member;
        }

        errors[field] = [QueryValues.Names<TEnum>()];
        return null;
    }

    /// <summary>Empty is absent; anything else must be a whole number.</summary>
    private static int? Whole(string? text, string field, Dictionary<string, string[]> errors)
    {
        if (Text(text) is not { } value)
        {
            return null;
        }

        if (int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
        {
            return number;
        }

        errors[field] = ["Must be a whole number."];
        return null;
    }
}
