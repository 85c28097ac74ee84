namespace PatchHound.Infrastructure.Defender;

/// <summary>Names of the HTTP clients registered by <see cref="DefenderRegistration"/>.</summary>
public static class DefenderHttpClients
{
    public const string Api = "PatchHound.Defender";
    public const string Token = "PatchHound.Defender.Token";

    /// <summary>Downloads of the via-files export from Azure Storage: no Defender token, no redirects, no logged URLs.</summary>
    public const string ExportFiles = "PatchHound.Defender.ExportFiles";
}
