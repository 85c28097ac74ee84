using System.Globalization;
using Microsoft.AspNetCore.Mvc;

namespace PatchHound.Api.Errors;

/// <summary>
/// The answer to a request refused for now (rate limit, saturated database): the status, <c>Retry-After</c> in whole
/// seconds and a problem document saying why and when, with <c>retryAfterSeconds</c> for clients that read the body.
/// </summary>
internal static class RetryLaterProblem
{
    public static ProblemDetails Apply(HttpContext context, int status, string title, string reason, TimeSpan wait)
    {
        var seconds = Math.Max(1, (long)Math.Ceiling(wait.TotalSeconds));
        context.Response.StatusCode = status;
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var problem = new ProblemDetails { Status = status, Title = title, Detail = $"{reason}; retry in {seconds} s." };
        problem.Extensions["retryAfterSeconds"] = seconds;
        return problem;
    }
}
