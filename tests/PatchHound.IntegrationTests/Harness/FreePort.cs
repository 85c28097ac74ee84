using System.Net;
using System.Net.Sockets;

namespace PatchHound.IntegrationTests.Harness;

public static class FreePort
{
    /// <summary>
    /// A loopback port nobody listened on a moment ago. Another process can still take it before the caller binds,
    /// so servers started on it retry with a new port when the bind fails.
    /// </summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
