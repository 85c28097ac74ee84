namespace PatchHound.Web.Hosting;

/// <summary>
/// What a page's write answered, in the API's words: the HTTP status the REST endpoint would have answered, the
/// ProblemDetails title and detail, and field errors (named as in the API's JSON).
/// </summary>
public sealed record WebUiOutcome(int Status, string? Title = null, string? Detail = null, IReadOnlyDictionary<string, string[]>? Errors = null)
{
    public static readonly WebUiOutcome Done = new(200);

    public bool Succeeded => Status < 300;

    /// <summary>Another change came first (409 "Changed by someone else"): the page says so and shows the case as it is now.</summary>
    public bool IsConflict => Status == 409;

    /// <summary>The one message to show, field errors first.</summary>
    public IEnumerable<string> Messages =>
        Errors is { Count: > 0 } errors ? errors.SelectMany(e => e.Value.Select(m => $"{e.Key}: {m}")) : [Detail ?? Title ?? "The change was refused."];
}
