using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using PatchHound.Infrastructure.Demo;
using PatchHound.IntegrationTests.Harness;
using PatchHound.IntegrationTests.Hosting;

namespace PatchHound.IntegrationTests.Jobs;

public sealed class JobDashboardAccessTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private ApiHostFactory api = null!;

    public async Task InitializeAsync()
    {
        api = new ApiHostFactory(new Dictionary<string, string?>
        {
            ["ConnectionStrings:PatchHound"] = fixture.Database.AppConnectionString(),
            ["Authentication:DevSignInEnabled"] = "true",
        });
        await using var scope = api.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(CancellationToken.None);
    }

    public async Task DisposeAsync() => await api.DisposeAsync();

    [Theory]
    [InlineData("/admin/jobs")]
    [InlineData("/admin/jobs/jobs/failed")]
    public async Task Anonymous_visitors_get_401_and_no_dashboard(string path)
    {
        using var client = api.CreateClient();

        var response = await client.GetAsync(path);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await response.Content.ReadAsStringAsync()).Should().NotContain("PatchHound jobs");
    }

    [Theory]
    [InlineData("analyst@demo.patchhound.local")]
    [InlineData("admin@demo.patchhound.local")]
    [InlineData("auditor@demo.patchhound.local")]
    public async Task Signed_in_users_who_are_not_operators_get_403(string email)
    {
        using var client = await SignedInClientAsync(email);

        (await client.GetAsync("/admin/jobs")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await client.PostAsync("/api/admin/jobs/1/requeue", null)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_platform_operator_sees_the_dashboard()
    {
        using var client = await SignedInClientAsync(DemoUsers.Operator.Email);

        var response = await client.GetAsync("/admin/jobs");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Contain("PatchHound jobs");
    }

    [Fact]
    public async Task Requeue_answers_401_anonymously_and_404_for_an_unknown_job_to_an_operator()
    {
        using var anonymous = api.CreateClient();
        using var operatorClient = await SignedInClientAsync(DemoUsers.Operator.Email);

        (await anonymous.PostAsync("/api/admin/jobs/1/requeue", null)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        var unknown = await operatorClient.PostAsync("/api/admin/jobs/987654/requeue", null);

        unknown.StatusCode.Should().Be(HttpStatusCode.NotFound);
        unknown.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }

    [Fact]
    public async Task Dev_sign_in_refuses_an_unknown_user_and_a_missing_email()
    {
        using var client = api.CreateClient();

        (await client.PostAsJsonAsync("/auth/dev/sign-in", new { email = "nobody@example.com" })).StatusCode
            .Should().Be(HttpStatusCode.Unauthorized);
        (await client.PostAsJsonAsync("/auth/dev/sign-in", new { })).StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    private async Task<HttpClient> SignedInClientAsync(string email)
    {
        var client = api.CreateClient();
        var signIn = await client.PostAsJsonAsync("/auth/dev/sign-in", new { email });
        signIn.StatusCode.Should().Be(HttpStatusCode.NoContent);
        return client;
    }
}
