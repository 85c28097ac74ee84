namespace PatchHound.Core.Common;

public static class Ids
{
    /// <summary>Time-ordered ids keep primary-key indexes append-mostly.</summary>
    public static Guid New() => Guid.CreateVersion7();
}
