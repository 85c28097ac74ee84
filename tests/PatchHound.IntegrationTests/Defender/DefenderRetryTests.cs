using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using PatchHound.Infrastructure.Defender;
using static PatchHound.IntegrationTests.Defender.DefenderTestClient;

namespace PatchHound.IntegrationTests.Defender;

public sealed class DefenderRetryTests : IAsyncLifetime
{
    private FakeDefenderServer server = null!;

    public async Task InitializeAsync() => server = await FakeDefenderServer.StartAsync();

    public async Task DisposeAsync() => await server.DisposeAsync();

    private static Task ServeMachines(HttpContext context) =>
        FakeDefenderServer.WriteJsonAsync(context, FakeDefenderServer.Page(DefenderPayloads.Machines(0, 2), null));

    /// <summary>Answers the first <paramref name="failures"/> requests with <paramref name="failure"/>, then a page.</summary>
    private Func<HttpContext, Task> FailFirst(int failures, Func<HttpContext, Task> failure) =>
        context => server.Requests.Count <= failures ? failure(context) : ServeMachines(context);

    [Fact]
    public async Task Waits_the_Retry_After_of_a_429_before_asking_again()
    {
        server.Handler = FailFirst(1, context =>
        {
            context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            context.Response.Headers.RetryAfter = "1";
            return Task.CompletedTask;
        });

        var pages = await ReadAllAsync(For(server).ReadMachinesAsync(null, Timeout()));

        pages.Single().Items.Should().HaveCount(2);
        var requests = server.Requests.ToArray();
        requests.Should().HaveCount(2);
        // Timers may fire a few milliseconds early against the stopwatch; not retrying at once is what counts.
        Stopwatch.GetElapsedTime(requests[0].Timestamp, requests[1].Timestamp).Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(900));
    }

    [Fact]
    public async Task Honours_a_Retry_After_date_and_caps_a_long_Retry_After()
    {
        var options = FastOptions();
        options.MaxRetryAfter = TimeSpan.FromMilliseconds(300);
        server.Handler = FailFirst(2, context =>
        {
            context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            context.Response.Headers.RetryAfter = server.Requests.Count == 1
                ? DateTimeOffset.UtcNow.AddHours(1).ToString("R")
                : "86400";
            return Task.CompletedTask;
        });
        var clock = Stopwatch.StartNew();

        var pages = await ReadAllAsync(For(server, options).ReadMachinesAsync(null, Timeout()));

        pages.Single().Items.Should().HaveCount(2);
        clock.Elapsed.Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(600)).And.BeLessThan(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Gives_up_with_a_throttled_error_after_the_allowed_attempts()
    {
        server.Handler = context =>
        {
            context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            context.Response.Headers.RetryAfter = "0";
            return Task.CompletedTask;
        };

        var reading = () => ReadAllAsync(For(server).ReadMachinesAsync(null, Timeout()));

        var failure = (await reading.Should().ThrowAsync<SourceThrottledException>()).Which;
        failure.Message.Should().Contain("throttled").And.Contain("3 attempts");
        failure.Permanent.Should().BeFalse();
        server.Requests.Should().HaveCount(3);
    }

    [Fact]
    public async Task Retries_503_twice_then_reads_the_page()
    {
        server.Handler = FailFirst(2, context =>
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return Task.CompletedTask;
        });

        var pages = await ReadAllAsync(For(server).ReadMachinesAsync(null, Timeout()));

        pages.Single().Items.Should().HaveCount(2);
        server.Requests.Should().HaveCount(3);
    }

    [Fact]
    public async Task Retries_a_reset_connection_and_a_timed_out_request()
    {
        var options = FastOptions();
        options.RequestTimeout = TimeSpan.FromMilliseconds(500);
        server.Handler = async context =>
        {
            switch (server.Requests.Count)
            {
                case 1:
                    context.Abort();
                    break;
                case 2:
                    await Task.Delay(TimeSpan.FromSeconds(20), context.RequestAborted);
                    break;
                default:
                    await ServeMachines(context);
                    break;
            }
        };

        var pages = await ReadAllAsync(For(server, options).ReadMachinesAsync(null, Timeout()));

        pages.Single().Items.Should().HaveCount(2);
        server.Requests.Should().HaveCount(3);
    }

    [Fact]
    public async Task Reports_the_source_unavailable_after_the_allowed_server_errors()
    {
        server.Handler = context =>
        {
            context.Response.StatusCode = StatusCodes.Status502BadGateway;
            return Task.CompletedTask;
        };

        var reading = () => ReadAllAsync(For(server).ReadMachinesAsync(null, Timeout()));

        var failure = (await reading.Should().ThrowAsync<SourceUnavailableException>()).Which;
        failure.Message.Should().Contain("502").And.Contain("3 attempts");
        failure.Permanent.Should().BeFalse();
        server.Requests.Should().HaveCount(3);
    }

    [Theory]
    [InlineData(401)]
    [InlineData(403)]
    public async Task Stops_at_once_when_Defender_rejects_the_credentials(int status)
    {
        server.Handler = context =>
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        };

        var reading = () => ReadAllAsync(For(server).ReadMachinesAsync(null, Timeout()));

        var failure = (await reading.Should().ThrowAsync<SourceCredentialsRejectedException>()).Which;
        failure.Message.Should().Be($"credentials rejected by Defender ({status})");
        failure.Permanent.Should().BeTrue();
        server.Requests.Should().HaveCount(1);
    }

    [Fact]
    public async Task Refuses_a_404_as_permanent_without_retrying()
    {
        server.Handler = context =>
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        };

        var reading = () => ReadAllAsync(For(server).ReadMachinesAsync(null, Timeout()));

        (await reading.Should().ThrowAsync<SourceRequestRefusedException>()).Which.Permanent.Should().BeTrue();
        server.Requests.Should().HaveCount(1);
    }
}
