namespace PatchHound.Web.Hosting;

/// <summary>
/// The source pages' writes, implemented by the host with the commands the sources endpoints call and their role rule
/// (TenantAdmins only): a refused caller gets 403, bad input 400 in the API's words.
/// </summary>
public interface IWebUiSources
{
    /// <summary>The source kinds and pull modes a form offers, by name.</summary>
    IReadOnlyList<string> Kinds { get; }

    IReadOnlyList<string> PullModes { get; }

    /// <summary>Form values arrive as text; a kind or pull mode that names no member is refused like the API refuses it.</summary>
    Task<WebUiCreatedSource> CreateAsync(WebUiSourceForm form, CancellationToken cancellationToken);

    /// <summary>Replaces the source's settings; its kind (<see cref="WebUiSourceForm.Kind"/>) is not changed.</summary>
    Task<WebUiOutcome> UpdateAsync(Guid id, WebUiSourceForm form, CancellationToken cancellationToken);
}

/// <summary>A source form as posted; empty fields are absent (a page size defaults, an interval means full exports only).</summary>
public sealed record WebUiSourceForm(
    string? Kind, string? Name, string? CronSchedule, string? BaseUrl, string? PageSize, string? PullMode, string? FullRunIntervalDays, bool Enabled);

/// <summary>What creating a source answered; <see cref="Id"/> only when it succeeded.</summary>
public sealed record WebUiCreatedSource(WebUiOutcome Outcome, Guid? Id = null);
