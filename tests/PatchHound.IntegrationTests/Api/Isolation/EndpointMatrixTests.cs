using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using PatchHound.Core.Identity;

namespace PatchHound.IntegrationTests.Api.Isolation;

/// <summary>
/// Every endpoint × (anonymous → 401, a role it does not allow → 403, another tenant's route or ids → 404), driven
/// by <see cref="EndpointCatalog"/> and checked against the app's own route table.
/// </summary>
public sealed class EndpointMatrixTests(IsolationWorld world) : IClassFixture<IsolationWorld>
{
    private static readonly TenantRole[] AllRoles = Enum.GetValues<TenantRole>();

    public static TheoryData<string> Protected() => Keys(c => c.Access is not (EndpointAccess.Public or EndpointAccess.Page));

    public static TheoryData<string> Pages() => Keys(c => c.Access == EndpointAccess.Page);

    public static TheoryData<string> TenantPages() => Keys(c => c.Access == EndpointAccess.Page && c.Pattern.Contains("{Tenant}", StringComparison.Ordinal));

    public static TheoryData<string> RoleGuarded() => Keys(c => c.Access is EndpointAccess.Operator or EndpointAccess.Tenant);

    public static TheoryData<string> TenantScoped() => Keys(c => c.Access == EndpointAccess.Tenant);

    public static TheoryData<string> Public() => Keys(c => c.Access == EndpointAccess.Public);

    [Fact]
    public void Every_endpoint_of_the_route_table_has_exactly_one_case()
    {
        var routes = RouteTable.Keys(world.Api.Services);
        var cases = EndpointCatalog.All.Select(c => c.Key).ToList();

        cases.Should().OnlyHaveUniqueItems();
        routes.Except(cases).Should().BeEmpty("every endpoint needs a case in EndpointCatalog");
        cases.Except(routes).Should().BeEmpty("a case must name an endpoint that exists");
    }

    [Theory]
    [MemberData(nameof(Protected))]
    public async Task Anonymous_callers_get_401(string key)
    {
        var endpoint = Case(key);
        using var anonymous = world.Api.CreateClient();

        var response = await SendAsync(anonymous, endpoint, endpoint.PathFor(world, world.A, world.A));

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized, key);
        response.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json", key);
    }

    [Theory]
    [MemberData(nameof(RoleGuarded))]
    public async Task Callers_without_an_allowed_role_get_403(string key)
    {
        var endpoint = Case(key);
        var refused = endpoint.Access switch
        {
            EndpointAccess.Operator => AllRoles,
            _ => AllRoles.Except(AllowedRoles(endpoint)).ToArray(),
        };

        foreach (var role in refused)
        {
            var client = await world.SignedInAsync(world.A.EmailOf(role));
            var response = await SendAsync(client, endpoint, endpoint.PathFor(world, world.A, world.A));
            response.StatusCode.Should().Be(HttpStatusCode.Forbidden, $"{role} on {key}");
        }
    }

    [Theory]
    [MemberData(nameof(TenantScoped))]
    public async Task Another_tenants_route_or_ids_are_404(string key)
    {
        var endpoint = Case(key);
        var allowed = AllowedRoles(endpoint)[0];
        var client = await world.SignedInAsync(world.A.EmailOf(allowed));

        var otherTenant = await SendAsync(client, endpoint, endpoint.PathFor(world, world.B, world.B));
        otherTenant.StatusCode.Should().Be(HttpStatusCode.NotFound, $"tenant B's route on {key}");

        var unknownTenant = await SendAsync(client, endpoint,
            endpoint.PathFor(world, new WorldTenant(world.A.Tenant with { Slug = "no-such-tenant" }), world.A));
        unknownTenant.StatusCode.Should().Be(HttpStatusCode.NotFound, $"an unknown tenant on {key}");

        if (endpoint.HasResourceIds)
        {
            var foreignIds = await SendAsync(client, endpoint, endpoint.PathFor(world, world.A, world.B));
            foreignIds.StatusCode.Should().Be(HttpStatusCode.NotFound, $"tenant B's ids under tenant A's route on {key}");
        }
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Anonymous_page_requests_go_to_the_sign_in_page(string key)
    {
        var endpoint = Case(key);
        using var anonymous = world.Api.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var path = endpoint.PathFor(world, world.A, world.A);
        var response = await SendAsync(anonymous, endpoint, path);

        response.StatusCode.Should().Be(HttpStatusCode.Redirect, key);
        response.Headers.Location?.OriginalString.Should().Be($"/sign-in?returnUrl={Uri.EscapeDataString(path)}", key);
    }

    [Theory]
    [MemberData(nameof(TenantPages))]
    public async Task Another_tenants_page_or_ids_are_the_404_page(string key)
    {
        var endpoint = Case(key) with { Method = "GET" };
        // A page for some roles only (settings, audit log) is entered by one of them; the others get its 403 page.
        var client = await world.SignedInAsync(endpoint.Roles is [var role, ..] ? world.A.EmailOf(role) : world.A.Tenant.AnalystEmail);

        var otherTenant = await SendAsync(client, endpoint, endpoint.PathFor(world, world.B, world.B));
        otherTenant.StatusCode.Should().Be(HttpStatusCode.NotFound, $"tenant B's route on {key}");
        (await otherTenant.Content.ReadAsStringAsync()).Should().Contain("<h1>Not found</h1>", key);

        var unknownTenant = await SendAsync(client, endpoint,
            endpoint.PathFor(world, new WorldTenant(world.A.Tenant with { Slug = "no-such-tenant" }), world.A));
        unknownTenant.StatusCode.Should().Be(HttpStatusCode.NotFound, $"an unknown tenant on {key}");

        if (endpoint.HasResourceIds)
        {
            var foreignIds = await SendAsync(client, endpoint, endpoint.PathFor(world, world.A, world.B));
            foreignIds.StatusCode.Should().Be(HttpStatusCode.NotFound, $"tenant B's ids under tenant A's route on {key}");
        }

        // A page for some roles only (the approvals inbox: TenantAdmins) is opened by the first of them.
        var owner = endpoint.Roles is { } roles ? await world.SignedInAsync(world.A.EmailOf(roles[0])) : client;
        var own = await SendAsync(owner, endpoint, endpoint.PathFor(world, world.A, world.A));
        own.StatusCode.Should().Be(HttpStatusCode.OK, $"tenant A's own page on {key}");
    }

    [Theory]
    [MemberData(nameof(Public))]
    public async Task Public_endpoints_answer_anonymous_callers(string key)
    {
        var endpoint = Case(key);
        using var anonymous = world.Api.CreateClient();

        var response = await SendAsync(anonymous, endpoint, endpoint.PathFor(world, world.A, world.A));

        response.StatusCode.Should().NotBe(HttpStatusCode.Unauthorized, key).And.NotBe(HttpStatusCode.Forbidden, key);
        ((int)response.StatusCode).Should().BeLessThan(500, key);
    }

    private static TheoryData<string> Keys(Func<EndpointCase, bool> which) => new(EndpointCatalog.All.Where(which).Select(c => c.Key));

    private static EndpointCase Case(string key) => EndpointCatalog.All.Single(c => c.Key == key);

    /// <summary>The roles the endpoint declares; where the case names roles too, both must agree.</summary>
    private IReadOnlyList<TenantRole> AllowedRoles(EndpointCase endpoint)
    {
        var declared = DeclaredRoles(endpoint);
        declared.Should().NotBeEmpty($"{endpoint.Key} must declare its tenant roles");
        if (endpoint.Roles is not null)
        {
            declared.Should().BeEquivalentTo(endpoint.Roles, $"{endpoint.Key} allows the roles its case says");
        }

        return declared;
    }

    /// <summary>The roles the endpoint's metadata allows (the API's TenantRolesMetadata is internal: read by name).</summary>
    private IReadOnlyList<TenantRole> DeclaredRoles(EndpointCase endpoint)
    {
        var route = world.Api.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Single(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["*"])
                .Any(method => RouteTable.Key(method, e.RoutePattern.RawText ?? string.Empty) == endpoint.Key));
        var metadata = route.Metadata.LastOrDefault(m => m.GetType().Name == "TenantRolesMetadata");
        return metadata is null ? [] : (IReadOnlyList<TenantRole>)metadata.GetType().GetProperty("Roles")!.GetValue(metadata)!;
    }

    private async Task<HttpResponseMessage> SendAsync(HttpClient client, EndpointCase endpoint, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(endpoint.Method == "*" ? "GET" : endpoint.Method), path);
        if (endpoint.Body is not null)
        {
            request.Content = JsonContent.Create(endpoint.Body(world));
        }
        else if (endpoint.Method is "POST" or "PUT" or "PATCH")
        {
            request.Content = JsonContent.Create(new { });
        }

        return await client.SendAsync(request);
    }
}
