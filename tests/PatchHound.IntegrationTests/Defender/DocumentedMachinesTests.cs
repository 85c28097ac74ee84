using PatchHound.IntegrationTests.Ingestion;
using PatchHound.Jobs.Ingestion;
using static PatchHound.IntegrationTests.Defender.DefenderTestClient;

namespace PatchHound.IntegrationTests.Defender;

/// <summary>
/// Microsoft's "List machines" response example (Documented/README.md) and the machine entity's property table, read by
/// the client and staged and merged as a real tenant's devices.
/// </summary>
public sealed class DocumentedMachinesTests(IngestionEnvironment env) : IClassFixture<IngestionEnvironment>, IAsyncLifetime
{
    private static readonly string Example = File.ReadAllText(
        Path.Combine(AppContext.BaseDirectory, "Defender", "Documented", "list-machines.json"));

    private FakeDefenderServer server = null!;

    public async Task InitializeAsync() =>
        server = await FakeDefenderServer.StartAsync(context => FakeDefenderServer.WriteJsonAsync(context, Example));

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task The_documented_machine_reads_with_its_group_entra_and_address_fields()
    {
        var machine = (await ReadAllAsync(For(server).ReadMachinesAsync(null, Timeout()))).SelectMany(p => p.Items).Single();

        machine.Should().BeEquivalentTo(new
        {
            Id = "1e5bc9d7e413ddd7902c2932e418702b84d0cc07",
            ComputerDnsName = "mymachine1.contoso.com",
            OsVersion = "1709",
            LastSeen = new DateTimeOffset(2018, 8, 2, 14, 55, 3, TimeSpan.Zero).AddTicks(7_791_856),
            RbacGroupId = "140",
            RbacGroupName = "The-A-Team",
            IsAadJoined = (bool?)true,
            AadDeviceId = "80fe8ff8-2624-418e-9591-41f0491218f9",
            LastIpAddress = "172.17.230.209",
            MachineTags = new[] { "test tag 1", "test tag 2" },
        });
    }

    [Fact]
    public async Task The_property_tables_other_fields_read_in_their_documented_types_and_spellings()
    {
        // machine.md: rbacGroupId String, deviceValue Nullable Enum (Normal, Low, High), "onboardingstatus" String
        // (payloads spell it onboardingStatus), osArchitecture String (32-bit, 64-bit), aadDeviceId null unless joined.
        server.Handler = context => FakeDefenderServer.WriteJsonAsync(context, """
            {"value": [
              {"id": "a1", "lastSeen": "2024-05-01T10:00:00Z", "rbacGroupId": "7", "deviceValue": "Low",
               "onboardingstatus": "CanBeOnboarded", "osArchitecture": "32-bit", "aadDeviceId": null, "isAadJoined": false},
              {"id": "a2", "lastSeen": "2024-05-01T10:00:00Z", "deviceValue": "High", "onboardingStatus": "onboarded",
               "osArchitecture": "64-bit"}
            ]}
            """);

        var machines = (await ReadAllAsync(For(server).ReadMachinesAsync(null, Timeout()))).SelectMany(p => p.Items).ToList();

        machines.Select(m => (m.RbacGroupId, m.DeviceValue, m.OnboardingStatus, m.OsArchitecture, m.AadDeviceId, m.IsAadJoined))
            .Should().Equal(("7", "Low", "CanBeOnboarded", "32-bit", null, false), (null, "High", "onboarded", "64-bit", null, null));
    }

    [Fact]
    public async Task The_documented_machine_becomes_a_device_keeping_those_fields()
    {
        var page = (await ReadAllAsync(For(server).ReadMachinesAsync(null, Timeout()))).Single();
        var source = await env.NewSourceAsync(env.TenantA);

        await env.RunAsync(env.TenantA, source, DateTimeOffset.UtcNow, StagedPage.FromMachines(page).Devices, []);

        await using var db = env.Context(env.TenantA);
        db.Devices.Where(d => d.SourceId == source).Should().ContainSingle().Which.Should().BeEquivalentTo(new
        {
            ExternalId = "1e5bc9d7e413ddd7902c2932e418702b84d0cc07",
            Name = "mymachine1.contoso.com",
            RbacGroupId = "140",
            RbacGroupName = "The-A-Team",
            AadDeviceId = "80fe8ff8-2624-418e-9591-41f0491218f9",
            IsAadJoined = (bool?)true,
            LastIpAddress = "172.17.230.209",
            Tags = new[] { "test tag 1", "test tag 2" },
        });
    }
}
