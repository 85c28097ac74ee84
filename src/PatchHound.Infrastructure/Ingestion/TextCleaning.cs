using PatchHound.Core.Common;

namespace PatchHound.Infrastructure.Ingestion;

/// <summary>
/// Source text made storable (<see cref="StorableText.Clean"/>: NUL removed, unpaired surrogates replaced by
/// U+FFFD), counted per batch so the run reports how many values it changed.
/// </summary>
public sealed class TextCleaning
{
    public int ValuesChanged { get; private set; }

    public string? Clean(string? value)
    {
        if (value is null)
        {
            return null;
        }

        var cleaned = StorableText.Clean(value);
        if (!ReferenceEquals(cleaned, value))
        {
            ValuesChanged++;
        }

        return cleaned;
    }
}
