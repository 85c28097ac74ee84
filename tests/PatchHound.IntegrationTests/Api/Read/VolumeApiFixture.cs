using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace PatchHound.IntegrationTests.Api.Read;

/// <summary>
/// Tenant A with <see cref="Findings"/> findings, served by the API on real Kestrel (not the in-memory test server),
/// so responses travel through sockets with their real buffering and back-pressure.
/// </summary>
public sealed class VolumeApiFixture : ApiFixture
{
    public const int Devices = 4000;
    public const int FindingsPerDevice = 25;
    public const int Findings = Devices * FindingsPerDevice;

    public Uri BaseAddress { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await FindingsVolume.SeedAsync(Database, TenantA.Id, Devices, FindingsPerDevice, DateTimeOffset.UtcNow);
        Api.UseKestrel(0);
        Api.StartServer();
        var addresses = Api.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseAddress = new Uri(addresses.First());
    }

    /// <summary>
    /// A client over a real socket, signed in. <paramref name="receiveBufferBytes"/> pins the socket's receive
    /// buffer (no auto-tuning), for tests that stop reading and want the server to feel it quickly.
    /// </summary>
    public async Task<HttpClient> SocketClientAsync(string email, int? receiveBufferBytes = null)
    {
        var handler = new SocketsHttpHandler { CookieContainer = new CookieContainer(), UseCookies = true };
        if (receiveBufferBytes is { } size)
        {
            handler.ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true, ReceiveBufferSize = size };
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            };
        }

        var client = new HttpClient(handler) { BaseAddress = BaseAddress, Timeout = TimeSpan.FromMinutes(5) };
        var signIn = await client.PostAsJsonAsync("/auth/dev/sign-in", new { email });
        signIn.StatusCode.Should().Be(HttpStatusCode.NoContent);
        return client;
    }
}
