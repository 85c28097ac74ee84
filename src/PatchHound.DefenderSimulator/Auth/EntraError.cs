using System.Globalization;
using System.Text.Json.Serialization;

namespace PatchHound.DefenderSimulator.Auth;

/// <summary>An error of the Entra ID token endpoint, in its JSON shape (error, error_description with AADSTS code, …).</summary>
public sealed record EntraError(
    [property: JsonPropertyName("error")] string Error,
    [property: JsonPropertyName("error_description")] string ErrorDescription,
    [property: JsonPropertyName("error_codes")] int[] ErrorCodes,
    [property: JsonPropertyName("timestamp")] string Timestamp,
    [property: JsonPropertyName("trace_id")] string TraceId,
    [property: JsonPropertyName("correlation_id")] string CorrelationId,
    [property: JsonPropertyName("error_uri")] string ErrorUri)
{
    public static IResult Result(int status, string error, int code, string description, DateTimeOffset now)
    {
        var trace = Guid.NewGuid().ToString();
        var correlation = Guid.NewGuid().ToString();
        var timestamp = now.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var body = new EntraError(
            error,
            $"AADSTS{code}: {description} Trace ID: {trace} Correlation ID: {correlation} Timestamp: {timestamp}",
            [code],
            timestamp,
            trace,
            correlation,
            $"https://login.microsoftonline.com/error?code={code}");
        return TypedResults.Json(body, statusCode: status);
    }
}
