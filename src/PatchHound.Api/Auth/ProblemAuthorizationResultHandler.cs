using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace PatchHound.Api.Auth;

/// <summary>
/// A refused authorization answers 403 ProblemDetails naming the reason (e.g. a missing API-key scope), whichever
/// scheme signed the caller in; a missing sign-in goes to the scheme's challenge (401).
/// </summary>
internal sealed class ProblemAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler fallback = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (!authorizeResult.Forbidden)
        {
            await fallback.HandleAsync(next, context, policy, authorizeResult);
            return;
        }

        var reasons = authorizeResult.AuthorizationFailure?.FailureReasons.Select(r => r.Message).ToList() ?? [];
        await AuthProblems.WriteAsync(context, StatusCodes.Status403Forbidden, "Forbidden",
            reasons.Count > 0 ? string.Join(" ", reasons) : "Your roles do not allow this.");
    }
}
