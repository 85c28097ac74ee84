using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace PatchHound.IntegrationTests.Api.Isolation;

/// <summary>The API's own route table, as <c>METHOD /pattern</c> keys.</summary>
public static class RouteTable
{
    public static IReadOnlyList<string> Keys(IServiceProvider services) =>
        services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .SelectMany(endpoint =>
            {
                var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["*"];
                return methods.Select(method => Key(method, endpoint.RoutePattern.RawText ?? string.Empty));
            })
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();

    public static string Key(string method, string pattern)
    {
        var path = "/" + pattern.Trim('/');
        return $"{method} {path}";
    }
}
