using System.Reflection;
using PatchHound.IntegrationTests.Harness;

namespace PatchHound.IntegrationTests.Deployment.Bicep;

/// <summary>The real Bicep CLI, from the Azure.Bicep.CommandLine.linux-x64 package the test project downloads.</summary>
internal static class BicepCli
{
    public static string Path { get; } = Locate();

    public static async Task<BicepRun> RunAsync(string workingDirectory, IReadOnlyDictionary<string, string?> environment, params string[] arguments)
    {
        var result = await ChildProcess.RunAsync(Path, arguments, environment, workingDirectory: workingDirectory);
        return new BicepRun(string.Join(' ', arguments), result);
    }

    private static string Locate()
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("The test project downloads the linux-x64 Bicep CLI.");
        }

        var path = typeof(BicepCli).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "BicepCli").Value
            ?? throw new InvalidOperationException("The test assembly does not name the Bicep CLI.");
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"No Bicep CLI at {path}: restore the test project.");
        }

        // NuGet does not always keep the execute bit when it extracts a package.
        var mode = File.GetUnixFileMode(path);
        if (!mode.HasFlag(UnixFileMode.UserExecute))
        {
            File.SetUnixFileMode(path, mode | UnixFileMode.UserExecute);
        }

        return path;
    }
}

internal sealed record BicepRun(string Command, ChildProcessResult Result)
{
    /// <summary>Bicep writes every diagnostic (error, warning, info) to standard error.</summary>
    public bool IsClean => Result.ExitCode == 0 && string.IsNullOrWhiteSpace(Result.StandardError);

    public override string ToString() => $"bicep {Command}: {Result}";
}
