using System.Net;
using System.Text;
using System.Text.Json;
using PatchHound.Core.Identity;

namespace PatchHound.IntegrationTests.Api.Isolation;

/// <summary>
/// Every endpoint that takes a body, sent broken JSON, wrong types, oversized strings and unknown enum values:
/// 400 with field errors, never 500, and nothing written.
/// </summary>
public sealed class MalformedBodyTests(IsolationWorld world) : IClassFixture<IsolationWorld>
{
    public static TheoryData<string> WithBody() => new(EndpointCatalog.All.Where(c => c.Body is not null).Select(c => c.Key));

    [Fact]
    public void Every_endpoint_that_reads_a_body_has_a_valid_sample()
    {
        var methodsWithBodies = EndpointCatalog.All.Where(c => c.Method is "PUT" or "PATCH");
        methodsWithBodies.Where(c => c.Body is null).Should().BeEmpty("PUT and PATCH endpoints take bodies: give their cases a sample");
    }

    [Theory]
    [MemberData(nameof(WithBody))]
    public async Task Broken_bodies_get_400_with_field_errors_and_write_nothing(string key)
    {
        var endpoint = EndpointCatalog.All.Single(c => c.Key == key);
        var client = await CallerAsync(endpoint);
        var path = endpoint.PathFor(world, world.A, world.A);
        var before = await DatabaseFingerprint.TakeAsync(world.Database.OwnerConnectionString);

        foreach (var (name, json) in BodyMutations.Of(endpoint.Body!(world), endpoint.EnumFields ?? []))
        {
            using var request = new HttpRequestMessage(new HttpMethod(endpoint.Method), path)
            {
                Content = new StringContent(json, Encoding.UTF8, "application/json"),
            };
            var response = await client.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();

            response.StatusCode.Should().Be(HttpStatusCode.BadRequest, $"{name} on {key}: {text}");
            response.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json", $"{name} on {key}");
            using var problem = JsonDocument.Parse(text);
            problem.RootElement.TryGetProperty("errors", out var errors).Should().BeTrue($"{name} on {key} names the field: {text}");
            errors.EnumerateObject().Should().NotBeEmpty($"{name} on {key}");
        }

        (await DatabaseFingerprint.TakeAsync(world.Database.OwnerConnectionString)).Should().BeEquivalentTo(before, $"{key} wrote nothing");
    }

    private async Task<HttpClient> CallerAsync(EndpointCase endpoint) => endpoint.Access switch
    {
        EndpointAccess.Public => world.Api.CreateClient(),
        EndpointAccess.Operator => await world.SignedInAsync(ApiFixture.OperatorEmail),
        _ => await world.SignedInAsync(world.A.EmailOf((endpoint.Roles ?? [TenantRole.TenantAdmin])[0])),
    };
}
