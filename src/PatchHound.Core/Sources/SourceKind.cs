namespace PatchHound.Core.Sources;

public enum SourceKind
{
    Defender,
    Simulator,
}
