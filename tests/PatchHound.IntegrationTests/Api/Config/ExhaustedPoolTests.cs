using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PatchHound.Infrastructure.Persistence;
using PatchHound.IntegrationTests.Harness;

namespace PatchHound.IntegrationTests.Api.Config;

/// <summary>
/// Pool exhaustion on a running API host: its budget is two connections (<c>Database:Pools:api:MaxPoolSize</c>) and
/// the test holds both, so every request waits out the pool's open time-out. Reads, sign-in and an admin call must
/// answer 503 with Retry-After, readiness must say "saturated", each is counted in patchhound.db.saturation, and the
/// host serves again once the connections are returned.
/// </summary>
public sealed class ExhaustedPoolTests(ExhaustedPoolTests.TinyPoolApiFixture fixture) : IClassFixture<ExhaustedPoolTests.TinyPoolApiFixture>
{
    [Fact]
    public async Task An_exhausted_pool_answers_503_with_retry_after_everywhere_readiness_says_saturated_and_the_host_recovers()
    {
        using var analyst = await fixture.ClientAsync(fixture.TenantA.AnalystEmail);
        using var admin = await fixture.ClientAsync(ApiFixture.OperatorEmail);
        var findings = $"/api/tenants/{fixture.TenantA.Slug}/findings";
        (await analyst.GetAsync(findings)).StatusCode.Should().Be(HttpStatusCode.OK);
        using var saturations = new SaturationCounter();

        var dataSource = fixture.Api.Services.GetRequiredService<NpgsqlDataSource>();
        var held = new List<NpgsqlConnection>();
        try
        {
            for (var i = 0; i < TinyPoolApiFixture.MaxPoolSize; i++)
            {
                held.Add(await dataSource.OpenConnectionAsync());
            }

            await ShouldBeBusyAsync(await analyst.GetAsync(findings));
            await ShouldBeBusyAsync(await admin.GetAsync("/api/admin/tenants"));
            using var stranger = fixture.Api.CreateClient();
            await ShouldBeBusyAsync(await stranger.PostAsJsonAsync("/auth/dev/sign-in", new { email = fixture.TenantB.AdminEmail }));

            using var ready = await stranger.GetAsync("/health/ready");
            ready.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
            saturations.Where("api").Should().BeGreaterThanOrEqualTo(3, "each 503 is counted");
            saturations.Where("readiness").Should().BeGreaterThanOrEqualTo(1);
        }
        finally
        {
            foreach (var connection in held)
            {
                await connection.DisposeAsync();
            }
        }

        (await analyst.GetAsync(findings)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await fixture.Api.CreateClient().GetAsync("/health/ready")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    private static async Task ShouldBeBusyAsync(HttpResponseMessage response)
    {
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync();
            response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable, body);
            response.Headers.RetryAfter!.Delta.Should().BePositive();
            response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
            body.Should().Contain("\"status\":503").And.Contain("retryAfterSeconds");
        }
    }

    /// <summary>The in-process counter of patchhound.db.saturation, by its <c>where</c> tag.</summary>
    private sealed class SaturationCounter : IDisposable
    {
        private readonly MeterListener listener = new();
        private readonly Dictionary<string, long> counts = new(StringComparer.Ordinal);

        public SaturationCounter()
        {
            listener.InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == DatabaseSaturation.MeterName && instrument.Name == "patchhound.db.saturation")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            };
            listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
            {
                foreach (var tag in tags)
                {
                    if (tag.Key == "where" && tag.Value is string where)
                    {
                        lock (counts)
                        {
                            counts[where] = counts.GetValueOrDefault(where) + value;
                        }
                    }
                }
            });
            listener.Start();
        }

        public long Where(string where)
        {
            lock (counts)
            {
                return counts.GetValueOrDefault(where);
            }
        }

        public void Dispose() => listener.Dispose();
    }

    /// <summary>The usual API fixture with a two-connection pool that gives up waiting after one second.</summary>
    public sealed class TinyPoolApiFixture : ApiFixture
    {
        public const int MaxPoolSize = 2;

        protected override Dictionary<string, string?> Settings()
        {
            var settings = base.Settings();
            settings["ConnectionStrings:PatchHound"] = Database.AppConnectionString() + ";Timeout=1";
            settings["Database:Pools:api:MaxPoolSize"] = MaxPoolSize.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return settings;
        }
    }
}
