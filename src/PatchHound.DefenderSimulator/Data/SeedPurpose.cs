namespace PatchHound.DefenderSimulator.Data;

/// <summary>Keeps the random streams of different questions about the same item independent.</summary>
public enum SeedPurpose : ulong
{
    Machine = 0x4D41_4348,
    Churn = 0x4348_5552,
    Reopen = 0x5245_4F50,
    Finding = 0x4649_4E44,
    Cve = 0x4356_4520,
    Installed = 0x494E_5354,
    DeltaUpdate = 0x5550_4454,
    RbacMove = 0x5242_4143,
}
