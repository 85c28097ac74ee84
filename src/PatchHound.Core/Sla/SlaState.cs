namespace PatchHound.Core.Sla;

public enum SlaState
{
    WithinSla,
    DueSoon,
    Breached,
    NoSla,
}
