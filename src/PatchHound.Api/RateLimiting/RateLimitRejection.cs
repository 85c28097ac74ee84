using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using PatchHound.Api.Errors;

namespace PatchHound.Api.RateLimiting;

/// <summary>The answer to a request over its limit: 429 ProblemDetails with <c>Retry-After</c> in whole seconds.</summary>
internal static class RateLimitRejection
{
    public static async ValueTask WriteAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
        var problem = RetryLaterProblem.Apply(context, StatusCodes.Status429TooManyRequests, "Too many requests",
            "The rate limit for this caller is used up", retryAfter);
        await context.RequestServices.GetRequiredService<IProblemDetailsService>()
            .WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem });
    }
}
