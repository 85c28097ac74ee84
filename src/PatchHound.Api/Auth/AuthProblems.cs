using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace PatchHound.Api.Auth;

/// <summary>401 and 403 answers of every scheme: ProblemDetails that say why, and the challenges a client may answer.</summary>
internal static class AuthProblems
{
    public static async Task WriteAsync(HttpContext context, int status, string title, string detail, params string[] challenges)
    {
        if (context.Response.HasStarted)
        {
            return;
        }

        context.Response.StatusCode = status;
        foreach (var challenge in challenges)
        {
            context.Response.Headers.Append(HeaderNames.WWWAuthenticate, challenge);
        }

        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        });
    }

    /// <summary>A value safe inside a quoted-string of a <c>WWW-Authenticate</c> parameter.</summary>
    public static string Quote(string value) =>
        new(value.Where(c => c is >= ' ' and <= '~' and not '"' and not '\\').ToArray());
}
