namespace PatchHound.DefenderSimulator.Hosting;

internal static partial class SimulatorLog
{
    [LoggerMessage(Level = LogLevel.Information,
        Message = "Defender simulator listening on {Urls} (token: {{url}}/{{tenantId}}/oauth2/v2.0/token, API: {{url}}/api/machines, control: {{url}}/_sim)")]
    public static partial void Listening(ILogger logger, string urls);

    [LoggerMessage(Level = LogLevel.Information, Message = "Serving https with a self-signed certificate; its PEM is at {Path}")]
    public static partial void CertificateWritten(ILogger logger, string path);
}
