namespace PatchHound.DefenderSimulator.Data;

/// <summary>
/// SplitMix64: a tiny, fast generator whose whole state is one number, so any record can be regenerated from
/// (tenant, index, purpose) alone and nothing has to be kept in memory.
/// </summary>
public struct SeededRandom(ulong seed)
{
    private ulong state = seed;

    /// <summary>A generator for one item: the tenant seed mixed with what the numbers are for and whose they are.</summary>
    public static SeededRandom For(ulong tenantSeed, SeedPurpose purpose, long a, long b = 0, long c = 0) =>
        new(Derive(tenantSeed, purpose, a, b, c));

    public static ulong Derive(ulong tenantSeed, SeedPurpose purpose, long a, long b = 0, long c = 0)
    {
        var h = Mix(tenantSeed ^ (ulong)purpose);
        h = Mix(h ^ (ulong)a);
        h = Mix(h ^ (ulong)b);
        return Mix(h ^ (ulong)c);
    }

    /// <summary>FNV-1a over the UTF-16 code units, finished with a mix: a stable hash of a name across processes.</summary>
    public static ulong Hash(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var ch in text)
        {
            hash = (hash ^ ch) * 1099511628211UL;
        }

        return Mix(hash);
    }

    public static ulong Mix(ulong z)
    {
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    public ulong NextUInt64()
    {
        state += 0x9E3779B97F4A7C15UL;
        var z = state;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>0 ≤ result &lt; max (the modulo bias is irrelevant at these sizes).</summary>
    public int Next(int max) => max <= 1 ? 0 : (int)(NextUInt64() % (ulong)max);

    public int Next(int min, int max) => min + Next(max - min);

    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    public bool Chance(double percent) => NextDouble() * 100 < percent;

    public T Pick<T>(IReadOnlyList<T> items) => items[Next(items.Count)];
}
