namespace PatchHound.Infrastructure.Demo;

/// <summary>Bound from the <c>Demo</c> configuration section; used only by <c>seed-demo</c>.</summary>
public sealed class DemoOptions
{
    public const string Section = "Demo";

    public string TenantSlug { get; set; } = "demo";

    public string TenantName { get; set; } = "Demo Corporation";

    public string SourceName { get; set; } = "Defender (simulated)";

    public string SimulatorUrl { get; set; } = "http://127.0.0.1:5090";

    public string SourceCron { get; set; } = "*/15 * * * *";

    public string CredentialReference { get; set; } = "local://demo-simulator";
}
