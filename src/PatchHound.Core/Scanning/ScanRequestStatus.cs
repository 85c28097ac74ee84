namespace PatchHound.Core.Scanning;

public enum ScanRequestStatus
{
    Requested,
    Running,
    Completed,
    Failed,
}
