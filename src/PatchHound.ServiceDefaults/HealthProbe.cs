using System.Globalization;

namespace PatchHound.ServiceDefaults;

/// <summary>
/// The <c>healthcheck</c> command: the host binary probes its own liveness endpoint and exits 0 or 1. Chiseled images
/// have no shell or curl, so container health checks run this instead.
/// </summary>
public static class HealthProbe
{
    public const string Command = "healthcheck";
    private const int DefaultPort = 8080;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    public static bool IsRequested(string[] args) => args is [Command];

    public static Task<int> RunAsync() => RunAsync(LiveUri(Environment.GetEnvironmentVariable("ASPNETCORE_HTTP_PORTS")));

    /// <summary>The first port of <c>ASPNETCORE_HTTP_PORTS</c> (ports separated by ';'), or 8080 as in the images.</summary>
    public static Uri LiveUri(string? httpPorts)
    {
        var first = httpPorts?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        var port = int.TryParse(first, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed : DefaultPort;
        return new Uri($"http://127.0.0.1:{port}/health/live");
    }

    public static async Task<int> RunAsync(Uri liveUri)
    {
        using var client = new HttpClient { Timeout = Timeout };
        try
        {
            using var response = await client.GetAsync(liveUri);
            if (response.IsSuccessStatusCode)
            {
                return 0;
            }

            await Console.Error.WriteLineAsync($"{liveUri} answered {(int)response.StatusCode}");
            return 1;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            await Console.Error.WriteLineAsync($"{liveUri}: {e.Message}");
            return 1;
        }
    }
}
