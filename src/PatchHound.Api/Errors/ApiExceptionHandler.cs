using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using PatchHound.Core.Common;
using PatchHound.Infrastructure.Persistence;
using PatchHound.Infrastructure.Tenancy;

namespace PatchHound.Api.Errors;

/// <summary>
/// The one place that turns an exception into ProblemDetails. Expected outcomes get their status;
/// anything else is a 500 that says nothing about internals.
/// </summary>
internal sealed class ApiExceptionHandler(IProblemDetailsService problemDetails, ILogger<ApiExceptionHandler> logger)
    : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (DatabaseSaturation.IsSaturation(exception))
        {
            return await WriteSaturationAsync(httpContext, exception);
        }

        var (status, title, detail) = Describe(exception);
        if (status >= 500)
        {
            logger.LogError(exception, "Unhandled error on {Method} {Path}", httpContext.Request.Method, httpContext.Request.Path);
        }
        else
        {
            logger.LogWarning("{Title} on {Method} {Path}: {Detail}", title, httpContext.Request.Method, httpContext.Request.Path, exception.Message);
        }

        httpContext.Response.StatusCode = status;
        var fieldErrors = exception switch
        {
            BadHttpRequestException badRequest => BodyReadErrors.From(badRequest),
            DomainRuleViolationException invalid when status == StatusCodes.Status400BadRequest => DomainFieldErrors.From(invalid),
            _ => null,
        };
        var problem = fieldErrors is null
            ? new ProblemDetails { Status = status, Title = title, Detail = detail }
            : new HttpValidationProblemDetails(fieldErrors) { Status = status, Title = title, Detail = "One or more fields are not valid." };
        if (exception is DomainRuleViolationException rule)
        {
            problem.Extensions["code"] = rule.Code;
        }

        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    /// <summary>The status, title and detail an exception answers with; the web UI's pages show the same words.</summary>
    public static (int Status, string Title, string Detail) Describe(Exception exception) => exception switch
    {
        UnknownTenantException e => (StatusCodes.Status404NotFound, "Tenant not found", e.Message),
        TenantAccessException => (StatusCodes.Status404NotFound, "Not found", "The resource does not exist."),
        DomainRuleViolationException e when DomainFieldErrors.IsInvalidValue(e) => (StatusCodes.Status400BadRequest, "Invalid value", e.Message),
        DomainRuleViolationException e => (StatusCodes.Status409Conflict, "Rule violated", e.Message),
        DbUpdateConcurrencyException => (StatusCodes.Status409Conflict, "Changed by someone else",
            "Someone else changed this since you read it; reload it and try again."),
        BadHttpRequestException e => (e.StatusCode, "Bad request", e.Message),
        _ => (StatusCodes.Status500InternalServerError, "Unexpected error", "The server could not complete the request."),
    };

    /// <summary>Overload, not a fault: 503 with Retry-After, logged as a warning without the stack.</summary>
    private async ValueTask<bool> WriteSaturationAsync(HttpContext httpContext, Exception exception)
    {
        DatabaseSaturation.Record("api");
        logger.LogWarning("Database saturated on {Method} {Path}: {Reason}", httpContext.Request.Method, httpContext.Request.Path, exception.Message);
        var problem = RetryLaterProblem.Apply(httpContext, StatusCodes.Status503ServiceUnavailable, "Service busy",
            "The database cannot take more work right now", DatabaseSaturation.RetryAfter);
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }
}
