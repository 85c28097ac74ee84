namespace PatchHound.Api.ApiKeys;

/// <summary>Marks endpoints that API keys may never call.</summary>
internal sealed class ApiKeysRefusedMetadata;
