using System.Net;
using System.Net.Http.Json;
using PatchHound.IntegrationTests.Harness;

namespace PatchHound.IntegrationTests.Api.Config;

/// <summary>
/// The incident of issue 13: PostgreSQL refusing the API's connections (53300) answered 500 to sign-ins. A real API host
/// connects as a login of its own without pooling, so lowering that login's connection limit makes every new
/// connection fail the way a full server does; the answers must be 503 with Retry-After, and the host must recover.
/// </summary>
public sealed class SaturatedDatabaseTests(SaturatedDatabaseTests.SaturatedApiFixture fixture)
    : IClassFixture<SaturatedDatabaseTests.SaturatedApiFixture>
{
    [Fact]
    public async Task Refused_connections_answer_503_with_retry_after_on_reads_sign_in_and_readiness_and_the_host_recovers()
    {
        using var analyst = await fixture.ClientAsync(fixture.TenantA.AnalystEmail);
        var findings = $"/api/tenants/{fixture.TenantA.Slug}/findings";
        (await analyst.GetAsync(findings)).StatusCode.Should().Be(HttpStatusCode.OK);

        await fixture.SetConnectionLimitAsync(0);
        try
        {
            using (var read = await analyst.GetAsync(findings))
            {
                await ShouldBeBusyAsync(read);
            }

            using var stranger = fixture.Api.CreateClient();
            using (var signIn = await stranger.PostAsJsonAsync("/auth/dev/sign-in", new { email = fixture.TenantB.AdminEmail }))
            {
                await ShouldBeBusyAsync(signIn);
            }

            using var ready = await stranger.GetAsync("/health/ready");
            ready.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        }
        finally
        {
            await fixture.SetConnectionLimitAsync(-1);
        }

        (await analyst.GetAsync(findings)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    private static async Task ShouldBeBusyAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable, body);
        response.Headers.RetryAfter.Should().NotBeNull();
        response.Headers.RetryAfter!.Delta.Should().BePositive();
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        body.Should().Contain("\"status\":503").And.Contain("retryAfterSeconds");
    }

    /// <summary>The usual API fixture, connected as a login whose connection limit the test controls.</summary>
    public sealed class SaturatedApiFixture : ApiFixture
    {
        private const string Password = "saturated-pw";

        private readonly string login = "saturated_" + Guid.NewGuid().ToString("N")[..8];

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            await AdminSql.ExecuteAsync(Database.OwnerConnectionString,
                $"CREATE ROLE {login} LOGIN NOSUPERUSER NOBYPASSRLS PASSWORD '{Password}'; GRANT patchhound_app TO {login}");
        }

        public override async Task DisposeAsync()
        {
            await base.DisposeAsync();
            var server = await PostgresServer.Instance;
            await AdminSql.ExecuteAsync(server.AdminConnectionString, $"DROP ROLE IF EXISTS {login}");
        }

        public Task SetConnectionLimitAsync(int limit) =>
            AdminSql.ExecuteAsync(Database.OwnerConnectionString, $"ALTER ROLE {login} CONNECTION LIMIT {limit}");

        // No pooling: every request opens a new session, which the connection limit refuses as a full server would.
        protected override Dictionary<string, string?> Settings()
        {
            var settings = base.Settings();
            settings["ConnectionStrings:PatchHound"] = Database.ConnectionString(login, Password) + ";Pooling=false";
            return settings;
        }
    }
}
