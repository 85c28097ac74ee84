using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace PatchHound.IntegrationTests.Api.Isolation;

/// <summary>
/// The API's own route table, as <c>METHOD /pattern</c> keys. The web UI's static assets (one route per file under
/// <c>_content/</c> and <c>_framework/</c>, and the build's fallback to its static web assets folders, the same public
/// files for everyone) are left out.
/// </summary>
public static class RouteTable
{
    public static IReadOnlyList<string> Keys(IServiceProvider services) =>
        services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(endpoint => !IsStaticAsset(endpoint.RoutePattern.RawText ?? string.Empty))
            .SelectMany(endpoint =>
            {
                var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["*"];
                return methods.Select(method => Key(method, endpoint.RoutePattern.RawText ?? string.Empty));
            })
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();

    private static bool IsStaticAsset(string pattern) =>
        pattern.TrimStart('/').StartsWith("_content/", StringComparison.Ordinal)
        || pattern.TrimStart('/').StartsWith("_framework/", StringComparison.Ordinal)
        || pattern.Contains("{**path:file}", StringComparison.Ordinal);

    public static string Key(string method, string pattern)
    {
        var path = "/" + pattern.Trim('/');
        return $"{method} {path}";
    }
}
