using System.Net.Sockets;
using System.Text;

namespace PatchHound.IntegrationTests.Harness;

/// <summary>PING over a plain socket, so the harness does not depend on a Redis client library.</summary>
public static class RedisPing
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    /// <summary>The reply to PING (<c>+PONG</c> when healthy), after AUTH when a password is given.</summary>
    public static async Task<string> SendAsync(string host, int port, string? password = null, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        using var client = new TcpClient();
        await client.ConnectAsync(host, port, timeout.Token);
        var stream = client.GetStream();
        using var reader = new StreamReader(stream, Encoding.ASCII);
        if (password is not null)
        {
            await stream.WriteAsync(Encoding.ASCII.GetBytes($"AUTH {password}\r\n"), timeout.Token);
            var auth = await reader.ReadLineAsync(timeout.Token);
            if (auth != "+OK")
            {
                return auth ?? "";
            }
        }

        await stream.WriteAsync("PING\r\n"u8.ToArray(), timeout.Token);
        return await reader.ReadLineAsync(timeout.Token)
            ?? throw new IOException($"Redis at {host}:{port} closed the connection without replying to PING.");
    }
}
