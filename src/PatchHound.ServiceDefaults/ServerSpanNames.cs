using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace PatchHound.ServiceDefaults;

/// <summary>
/// Server spans named <c>api.&lt;area&gt;.&lt;operation&gt;</c> from the endpoint's name: <c>ListFindings</c> →
/// <c>api.findings.list</c>, <c>ChangeSlaPolicy</c> → <c>api.sla-policy.change</c>. The first word of an endpoint
/// name is its verb, the rest its area. Unnamed endpoints (UI pages, the hub) keep the instrumentation's
/// <c>METHOD route</c>.
/// </summary>
public static partial class ServerSpanNames
{
    public static string? ForEndpoint(string? endpointName)
    {
        var words = Words().Matches(endpointName ?? "").Select(m => m.Value.ToLowerInvariant()).ToList();
        return words.Count < 2 ? null : $"api.{string.Join('-', words.Skip(1))}.{words[0]}";
    }

    internal static void Rename(Activity activity, HttpResponse response)
    {
        var name = response.HttpContext.GetEndpoint()?.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName;
        if (ForEndpoint(name) is { } spanName)
        {
            activity.DisplayName = spanName;
        }
    }

    [GeneratedRegex("[A-Z]+(?![a-z])|[A-Z][a-z0-9]*|[a-z0-9]+")]
    private static partial Regex Words();
}
