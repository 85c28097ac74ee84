using System.Text;
using Microsoft.AspNetCore.Http;
using PatchHound.Infrastructure.Defender;
using static PatchHound.IntegrationTests.Defender.DefenderTestClient;

namespace PatchHound.IntegrationTests.Defender;

public sealed class DefenderPagingTests : IAsyncLifetime
{
    private FakeDefenderServer server = null!;

    public async Task InitializeAsync() => server = await FakeDefenderServer.StartAsync();

    public async Task DisposeAsync() => await server.DisposeAsync();

    /// <summary>Machines 0..6 in pages of three, linked by $skip.</summary>
    private Task ServeSevenMachines(HttpContext context)
    {
        var skip = int.Parse(context.Request.Query["$skip"].FirstOrDefault() ?? "0", System.Globalization.CultureInfo.InvariantCulture);
        var next = skip + 3 < 7 ? server.Url($"api/machines?$skip={skip + 3}") : null;
        return FakeDefenderServer.WriteJsonAsync(
            context, FakeDefenderServer.Page(DefenderPayloads.Machines(skip, Math.Min(3, 7 - skip)), next));
    }

    [Fact]
    public async Task Follows_next_links_across_pages_and_yields_every_record_once()
    {
        server.Handler = ServeSevenMachines;

        var pages = await ReadAllAsync(For(server).ReadMachinesAsync(null, Timeout()));

        pages.Select(page => page.PageNumber).Should().Equal(1, 2, 3);
        pages.SelectMany(page => page.Items).Select(machine => machine.Id)
            .Should().Equal(Enumerable.Range(0, 7).Select(number => $"machine-{number:D4}"));
        pages.Select(page => page.NextCursor).Should().Equal(
            server.Url("api/machines?$skip=3"), server.Url("api/machines?$skip=6"), null);
        pages.Should().OnlyContain(page => page.Bytes > 100);
        server.Requests.Select(request => request.PathAndQuery)
            .Should().Equal("/api/machines", "/api/machines?$skip=3", "/api/machines?$skip=6");
        server.Requests.Should().OnlyContain(request => request.Authorization == "Bearer static-token");

        var machine = pages[0].Items[1];
        machine.ComputerDnsName.Should().Be("host1.contoso.com");
        machine.OsPlatform.Should().Be("Windows10");
        machine.OsVersion.Should().Be("1709");
        machine.FirstSeen.Should().Be(new DateTimeOffset(2024, 1, 2, 3, 4, 5, 123, TimeSpan.Zero));
        machine.LastSeen.Should().Be(new DateTimeOffset(2024, 6, 1, 10, 0, 0, TimeSpan.Zero));
        machine.HealthStatus.Should().Be("Active");
        machine.RiskScore.Should().Be("Low");
        machine.ExposureLevel.Should().Be("Medium");
        machine.MachineTags.Should().Equal("test tag 1", "ExampleTag");
    }

    [Fact]
    public async Task Reads_vulnerabilities_with_the_source_page_size_and_Defender_timestamps()
    {
        server.Handler = context => FakeDefenderServer.WriteJsonAsync(
            context, FakeDefenderServer.Page(DefenderPayloads.Vulnerabilities(0, 2), null));

        var pages = await ReadAllAsync(For(server, pageSize: 250).ReadVulnerabilitiesAsync(null, Timeout()));

        server.Requests.Single().PathAndQuery.Should().Be("/api/machines/SoftwareVulnerabilitiesByMachine?pageSize=250");
        var record = pages.Single().Items[1];
        record.Should().BeEquivalentTo(new DefenderVulnerabilityRecord(
            "device-1_microsoft_edge_1__", "device-1", "host1.contoso.com", "Windows10", "10.0.17763.1637",
            "microsoft", "edge", "120.0.1", "CVE-2024-1001", "High", 7.5m, "December 2020 Security Updates", "NoExploit",
            new DateTimeOffset(2020, 12, 30, 11, 7, 15, TimeSpan.Zero),
            new DateTimeOffset(2020, 12, 30, 14, 17, 26, TimeSpan.Zero))
        {
            RecommendedSecurityUpdateId = "4592440",
            SecurityUpdateAvailable = true,
            EvidenceCount = 1,
        });
    }

    [Fact]
    public async Task Resumes_from_a_checkpointed_cursor_without_reading_earlier_pages()
    {
        server.Handler = ServeSevenMachines;

        var pages = await ReadAllAsync(For(server).ReadMachinesAsync(server.Url("api/machines?$skip=3"), Timeout()));

        pages.SelectMany(page => page.Items).Select(machine => machine.Id)
            .Should().Equal("machine-0003", "machine-0004", "machine-0005", "machine-0006");
        pages.Select(page => page.PageNumber).Should().Equal(1, 2);
        server.Requests.Select(request => request.PathAndQuery)
            .Should().Equal("/api/machines?$skip=3", "/api/machines?$skip=6");
    }

    [Fact]
    public async Task Yields_the_first_page_before_the_server_has_sent_the_second()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        server.Handler = async context =>
        {
            if (context.Request.Query.ContainsKey("$skip"))
            {
                await release.Task.WaitAsync(context.RequestAborted);
                await FakeDefenderServer.WriteJsonAsync(context, FakeDefenderServer.Page(DefenderPayloads.Machines(3, 1), null));
                return;
            }

            await FakeDefenderServer.WriteJsonAsync(
                context, FakeDefenderServer.Page(DefenderPayloads.Machines(0, 3), server.Url("api/machines?$skip=3")));
        };

        await using var pages = For(server).ReadMachinesAsync(null, Timeout()).GetAsyncEnumerator();
        (await pages.MoveNextAsync()).Should().BeTrue();
        pages.Current.Items.Should().HaveCount(3);

        var second = pages.MoveNextAsync().AsTask();
        await WaitUntilAsync(() => server.Requests.Count == 2);
        await Task.Delay(200);
        second.IsCompleted.Should().BeFalse("the server has not sent page 2 yet");

        release.SetResult();
        (await second).Should().BeTrue();
        pages.Current.Items.Single().Id.Should().Be("machine-0003");
        (await pages.MoveNextAsync()).Should().BeFalse();
    }

    [Fact]
    public async Task Never_requests_a_next_link_to_another_origin()
    {
        await using var elsewhere = await FakeDefenderServer.StartAsync(
            context => FakeDefenderServer.WriteJsonAsync(context, FakeDefenderServer.Page([], null)));
        server.Handler = context => FakeDefenderServer.WriteJsonAsync(
            context, FakeDefenderServer.Page(DefenderPayloads.Machines(0, 3), elsewhere.Url("api/machines?$skip=3")));

        var reading = () => ReadAllAsync(For(server).ReadMachinesAsync(null, Timeout()));

        var failure = (await reading.Should().ThrowAsync<SourcePayloadException>()).Which;
        failure.Message.Should().Contain("outside the source's origin").And.Contain(elsewhere.BaseUrl.Authority);
        failure.Permanent.Should().BeTrue();
        failure.PageNumber.Should().Be(1);
        elsewhere.Requests.Should().BeEmpty();
    }

    [Theory]
    [InlineData("http://169.254.169.254/metadata/identity/oauth2/token")]
    [InlineData("https://127.0.0.1/api/machines")]
    [InlineData("file:///etc/passwd")]
    public async Task Refuses_a_resume_cursor_to_another_origin_without_any_request(string cursor)
    {
        var reading = () => ReadAllAsync(For(server).ReadMachinesAsync(cursor, Timeout()));

        (await reading.Should().ThrowAsync<SourcePayloadException>()).Which.Message.Should().Contain("resume cursor");
        server.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task Stops_on_a_next_link_that_leads_back_to_an_earlier_page()
    {
        server.Handler = context => FakeDefenderServer.WriteJsonAsync(
            context,
            context.Request.Query.ContainsKey("$skip")
                ? FakeDefenderServer.Page(DefenderPayloads.Machines(3, 3), server.Url("api/machines"))
                : FakeDefenderServer.Page(DefenderPayloads.Machines(0, 3), server.Url("api/machines?$skip=3")));
        var seen = new List<int>();

        var reading = async () =>
        {
            await foreach (var page in For(server).ReadMachinesAsync(null, Timeout()))
            {
                seen.Add(page.PageNumber);
            }
        };

        var failure = (await reading.Should().ThrowAsync<SourcePayloadException>()).Which;
        failure.Message.Should().Contain("leads back to page 1").And.Contain("cycle");
        failure.PageNumber.Should().Be(2);
        seen.Should().Equal(1);
        server.Requests.Should().HaveCount(2);
    }

    [Fact]
    public async Task Stops_when_a_resumed_enumeration_is_sent_back_to_its_first_page()
    {
        server.Handler = context => FakeDefenderServer.WriteJsonAsync(
            context, FakeDefenderServer.Page(DefenderPayloads.Machines(3, 3), server.Url("api/machines?$skip=3")));

        var reading = () => ReadAllAsync(For(server).ReadMachinesAsync(server.Url("api/machines?$skip=3"), Timeout()));

        (await reading.Should().ThrowAsync<SourcePayloadException>()).Which.Message
            .Should().Be("The @odata.nextLink of Defender page 1 leads back to page 1 of this enumeration (a cycle).");
        server.Requests.Should().HaveCount(1);
    }

    [Fact]
    public async Task Accepts_a_page_sent_in_small_chunks_with_a_byte_order_mark()
    {
        server.Handler = async context =>
        {
            context.Response.ContentType = "application/json";
            var body = Encoding.UTF8.GetPreamble()
                .Concat(Encoding.UTF8.GetBytes(FakeDefenderServer.Page(DefenderPayloads.Machines(0, 40), null)))
                .ToArray();
            foreach (var chunk in body.Chunk(7))
            {
                await context.Response.Body.WriteAsync(chunk);
                await context.Response.Body.FlushAsync();
            }
        };

        var pages = await ReadAllAsync(For(server).ReadMachinesAsync(null, Timeout()));

        pages.Single().Items.Select(machine => machine.Id).Should().HaveCount(40).And.OnlyHaveUniqueItems();
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++)
        {
            await Task.Delay(25);
        }

        condition().Should().BeTrue();
    }
}
