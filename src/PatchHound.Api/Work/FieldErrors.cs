using Microsoft.AspNetCore.Http.HttpResults;

namespace PatchHound.Api.Work;

/// <summary>400 answers about one field of the request, shaped like the built-in validation's.</summary>
internal static class FieldErrors
{
    public static ValidationProblem For(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });
}
