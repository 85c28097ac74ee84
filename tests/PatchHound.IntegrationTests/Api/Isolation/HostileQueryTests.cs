using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.DependencyInjection;
using PatchHound.Core.Identity;
using Xunit.Abstractions;

namespace PatchHound.IntegrationTests.Api.Isolation;

/// <summary>
/// Every query parameter of every GET endpoint (as the API's own description lists them) and every string route
/// value, sent hostile values: never a 5xx. NUL, which PostgreSQL cannot store, answers 400 naming the parameter.
/// </summary>
public sealed partial class HostileQueryTests(IsolationWorld world, ITestOutputHelper output) : IClassFixture<IsolationWorld>
{
    private const string Nul = "%00";

    // Lone surrogates cannot travel in a URL (ASP.NET Core decodes invalid UTF-8 to U+FFFD), so they are checked in bodies.
    private static readonly string[] HostileValues =
    [
        Nul, "a%00b", "%ED%A0%80", new string('x', 5_000), "-1", "0", "99999999999999999999", "-99999999999999999999",
        "1e309", "NaN", "0.00000000000000000000000001", "9999-12-31T23:59:59Z", "0001-01-01", "10000-01-01", "2026-02-30",
        "!!!", "AAAAAAAAAAAAAAAAAAAAAA", "eyJ9", "e30", "null", "%27%3B--", "%25", "%2F..%2F..", "true,false",
    ];

    public static TheoryData<string> GetEndpoints() =>
        new(EndpointCatalog.All.Where(c => c.Method == "GET").Select(c => c.Key));

    [Fact]
    public void The_described_query_parameters_include_the_filters_of_the_lists()
    {
        // Guards the matrix below: it tests nothing if the API description listed no parameters.
        var parameters = QueryParameters();
        Lower(parameters[Normalized("/api/tenants/{tenant}/devices")]).Should().Contain(new[] { "name", "os" });
        Lower(parameters[Normalized("/api/tenants/{tenant}/audit-log")]).Should().Contain(new[] { "actor", "action", "entitytype", "entityid" });
        Lower(parameters[Normalized("/api/tenants/{tenant}/findings")]).Should().Contain("cursor");
    }

    [Theory]
    [MemberData(nameof(GetEndpoints))]
    public async Task Hostile_query_and_route_values_never_answer_5xx_and_nul_is_a_400_naming_the_field(string key)
    {
        var endpoint = EndpointCatalog.All.Single(c => c.Key == key);
        var client = await CallerAsync(endpoint);
        var path = endpoint.PathFor(world, world.A, world.A);
        var names = QueryParameters().GetValueOrDefault(Normalized(endpoint.Pattern)) ?? [];
        output.WriteLine($"{key}: query parameters {string.Join(", ", names)}");

        foreach (var name in names)
        {
            foreach (var value in HostileValues)
            {
                using var response = await client.GetAsync($"{path}{(path.Contains('?') ? '&' : '?')}{Uri.EscapeDataString(name)}={value}");
                var text = await response.Content.ReadAsStringAsync();
                ((int)response.StatusCode).Should().BeLessThan(500, $"{key} with {name}={Shorten(value)}: {Shorten(text)}");
                if (value.Contains(Nul, StringComparison.Ordinal))
                {
                    response.StatusCode.Should().Be(HttpStatusCode.BadRequest, $"{key} with {name}={value}: {text}");
                    FieldsOf(text).Should().Contain(field => string.Equals(field, name, StringComparison.OrdinalIgnoreCase),
                        $"{key} names {name}: {text}");
                }
            }
        }

        foreach (var routeValue in StringRouteValues().Matches(endpoint.Pattern).Select(m => m.Groups["name"].Value))
        {
            // NUL cannot be in a path at all: Kestrel refuses the request line with 400 before routing.
            foreach (var value in new[] { new string('x', 5_000), "%ED%A0%80", "..", "CON", "%25", "null" })
            {
                var hostilePath = HostilePath(endpoint, routeValue, value);
                using var response = await client.GetAsync(hostilePath);
                ((int)response.StatusCode).Should().BeLessThan(500, $"{key} with {{{routeValue}}}={Shorten(value)}");
            }
        }
    }

    private string HostilePath(EndpointCase endpoint, string routeValue, string value)
    {
        var marker = $"__hostile_{routeValue}__";
        var pattern = new Regex($@"\{{{routeValue}(:[^}}]*)?\??\}}").Replace(endpoint.Pattern, marker);
        return (endpoint with { Pattern = pattern }).PathFor(world, world.A, world.A).Replace(marker, value, StringComparison.Ordinal);
    }

    private Dictionary<string, string[]> QueryParameters() =>
        world.Api.Services.GetRequiredService<IApiDescriptionGroupCollectionProvider>().ApiDescriptionGroups.Items
            .SelectMany(group => group.Items)
            .Where(d => d.HttpMethod == "GET" && d.RelativePath is not null)
            .GroupBy(d => Normalized(d.RelativePath!))
            .ToDictionary(g => g.Key, g => g.SelectMany(d => d.ParameterDescriptions)
                .Where(p => p.Source == BindingSource.Query || p.Source == BindingSource.ModelBinding)
                .Select(p => p.Name)
                .Distinct(StringComparer.OrdinalIgnoreCase)
                .ToArray());

    private async Task<HttpClient> CallerAsync(EndpointCase endpoint) => endpoint.Access switch
    {
        EndpointAccess.Public => world.Api.CreateClient(),
        EndpointAccess.Operator => await world.SignedInAsync(ApiFixture.OperatorEmail),
        _ => await world.SignedInAsync(world.A.EmailOf((endpoint.Roles ?? [TenantRole.TenantAdmin])[0])),
    };

    private static List<string> Lower(IEnumerable<string> names) => [.. names.Select(n => n.ToLowerInvariant())];

    private static List<string> FieldsOf(string problem)
    {
        using var document = JsonDocument.Parse(problem);
        return document.RootElement.TryGetProperty("errors", out var errors)
            ? errors.EnumerateObject().Select(e => e.Name).ToList()
            : [];
    }

    /// <summary>The pattern without constraints, optional marks or a leading slash: how both tables can be matched.</summary>
    private static string Normalized(string pattern) => Constraint().Replace(pattern.Trim('/'), "{${name}}");

    private static string Shorten(string text) => text.Length <= 200 ? text : text[..200] + "…";

    [GeneratedRegex(@"\{(?<name>[A-Za-z]+)(:[^}]*)?\??\}")]
    private static partial Regex Constraint();

    // Route values without a type constraint reach the handler as strings; {**path} catch-alls are the dashboard's.
    [GeneratedRegex(@"\{(?<name>[A-Za-z]+)\??\}")]
    private static partial Regex StringRouteValues();
}
