using Microsoft.AspNetCore.Http.HttpResults;

namespace PatchHound.Api.Work;

/// <summary>
/// What a command shared by an endpoint and a page answers: its value, or a refusal the endpoint turns into
/// ProblemDetails and the page shows as text. Rule violations and concurrency conflicts stay exceptions (the API's
/// exception handler and the pages' command port describe them the same way).
/// </summary>
internal sealed record CommandResult<T>(T? Value, CommandRefusal? Refusal)
{
    public static implicit operator CommandResult<T>(T value) => new(value, null);

    public static implicit operator CommandResult<T>(CommandRefusal refusal) => new(default, refusal);

    /// <summary>The endpoint's answer: <paramref name="ok"/> of the value, or the refusal as ProblemDetails.</summary>
    public Results<TOk, ProblemHttpResult, ValidationProblem> ToHttp<TOk>(Func<T, TOk> ok)
        where TOk : IResult
    {
        if (Refusal is null)
        {
            return ok(Value!);
        }

        if (Refusal.Errors is { } errors)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var problem = TypedResults.Problem(statusCode: Refusal.Status, title: Refusal.Title, detail: Refusal.Detail);
        if (Refusal.Code is { } code)
        {
            problem.ProblemDetails.Extensions["code"] = code;
        }

        return problem;
    }
}

/// <summary>A refusal in the API's words; <c>Code</c> is the rule's code, as rule violations carry it (e.g. <c>approval.self_approval</c>).</summary>
internal sealed record CommandRefusal(
    int Status, string Title, string Detail, IReadOnlyDictionary<string, string[]>? Errors = null, string? Code = null)
{
    /// <summary>The same answer whether the row does not exist or belongs to another tenant.</summary>
    public static CommandRefusal NotFound(string what) => new(StatusCodes.Status404NotFound, "Not found", $"The {what} does not exist.");

    public static CommandRefusal Invalid(string field, string message) =>
        new(StatusCodes.Status400BadRequest, "One or more validation errors occurred.", message,
            new Dictionary<string, string[]> { [field] = [message] });
}
