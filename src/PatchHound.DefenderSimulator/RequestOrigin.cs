namespace PatchHound.DefenderSimulator;

/// <summary>The simulator's own origin as the client addressed it: next links and metadata point back to it.</summary>
public static class RequestOrigin
{
    public static string Of(HttpRequest request) => $"{request.Scheme}://{request.Host}";
}
