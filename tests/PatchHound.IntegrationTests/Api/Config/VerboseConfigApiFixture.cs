namespace PatchHound.IntegrationTests.Api.Config;

/// <summary><see cref="ConfigApiFixture"/> logging at the most verbose level everywhere, EF Core and ASP.NET Core included.</summary>
public sealed class VerboseConfigApiFixture : ConfigApiFixture
{
    protected override Dictionary<string, string?> Settings()
    {
        var settings = base.Settings();
        settings["Serilog:MinimumLevel:Default"] = "Verbose";
        settings["Serilog:MinimumLevel:Override:Microsoft"] = "Verbose";
        settings["Serilog:MinimumLevel:Override:Microsoft.AspNetCore"] = "Verbose";
        settings["Serilog:MinimumLevel:Override:Microsoft.EntityFrameworkCore"] = "Verbose";
        return settings;
    }
}
