using Microsoft.AspNetCore.Http.HttpResults;

namespace PatchHound.Api.Work;

internal static class WorkProblems
{
    /// <summary>The same answer whether the row does not exist or belongs to another tenant.</summary>
    public static ProblemHttpResult NotFound(string what) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"The {what} does not exist.");

    /// <summary>API keys act for a tenant, not a person; requesting, deciding and reading notifications need a person.</summary>
    public static ProblemHttpResult NeedsUser() =>
        TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden",
            detail: "This needs a signed-in user; an API key cannot do it.");

    public static ProblemHttpResult Conflict(string title, string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: title, detail: detail);
}
