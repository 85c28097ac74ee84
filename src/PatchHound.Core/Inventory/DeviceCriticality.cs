namespace PatchHound.Core.Inventory;

public enum DeviceCriticality
{
    Low,
    Medium,
    High,
    Critical,
}
