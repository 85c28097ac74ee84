using System.Net.Sockets;
using System.Text;

namespace PatchHound.IntegrationTests.Harness;

/// <summary>PING over a plain socket, so the harness does not depend on a Redis client library.</summary>
public static class RedisPing
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public static async Task<string> SendAsync(string host, int port, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        using var client = new TcpClient();
        await client.ConnectAsync(host, port, timeout.Token);
        var stream = client.GetStream();
        await stream.WriteAsync("PING\r\n"u8.ToArray(), timeout.Token);
        using var reader = new StreamReader(stream, Encoding.ASCII);
        return await reader.ReadLineAsync(timeout.Token)
            ?? throw new IOException($"Redis at {host}:{port} closed the connection without replying to PING.");
    }
}
