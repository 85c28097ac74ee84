using System.Globalization;

namespace PatchHound.DefenderSimulator.Api;

/// <summary>Error responses in the Defender API's shape: <c>{"error":{"code","message","target"}}</c>.</summary>
public static class DefenderErrors
{
    public static IResult Error(int status, string code, string message) =>
        TypedResults.Json(new { error = new { code, message, target = Guid.NewGuid().ToString() } }, statusCode: status);

    /// <summary>
    /// 429 with <c>Retry-After</c> in seconds, as documented (<c>defender-endpoint/api/common-errors.md</c>, "Throttling"),
    /// with the limit that was hit in the message (<c>30 per 1 minute</c>).
    /// </summary>
    public static IResult TooManyRequests(HttpResponse response, int retryAfterSeconds, string limit = "30 per 1 minute")
    {
        response.Headers.RetryAfter = retryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return Error(StatusCodes.Status429TooManyRequests, "TooManyRequests",
            $"API calls quota exceeded! Maximum allowed {limit}. Please try again in {retryAfterSeconds} seconds.");
    }

    public static IResult Unauthorized(HttpResponse response, string message)
    {
        response.Headers.WWWAuthenticate = $"Bearer error=\"invalid_token\", error_description=\"{message}\"";
        return Error(StatusCodes.Status401Unauthorized, "Unauthorized", message);
    }

    public static IResult Forbidden() => Error(StatusCodes.Status403Forbidden, "Forbidden",
        "The application does not have any of the required application permissions (Machine.Read.All, Vulnerability.Read.All) to access the resource.");

    /// <summary>A gateway's error page sent with 200, as proxies in front of APIs sometimes do.</summary>
    public static IResult HtmlPage() => TypedResults.Content(
        "<!DOCTYPE html><html><head><title>Service Unavailable</title></head><body><h1>Service Unavailable</h1>"
        + "<p>The service is temporarily unavailable. Please try again later.</p></body></html>",
        "text/html; charset=utf-8",
        statusCode: StatusCodes.Status200OK);
}
