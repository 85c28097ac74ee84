namespace PatchHound.Reads.Settings;

/// <summary>Keyset position in the newest-first list of keys.</summary>
internal sealed record ApiKeyCursor(DateTimeOffset CreatedAt, Guid Id);
