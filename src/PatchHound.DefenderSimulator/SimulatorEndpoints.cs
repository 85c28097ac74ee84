namespace PatchHound.DefenderSimulator;

/// <summary>The names faults and statistics use for the simulated endpoints.</summary>
public static class SimulatorEndpoints
{
    public const string Machines = "machines";
    public const string Vulnerabilities = "vulnerabilities";
    public const string Token = "token";

    public static IReadOnlyList<string> All { get; } = [Machines, Vulnerabilities, Token];
}
