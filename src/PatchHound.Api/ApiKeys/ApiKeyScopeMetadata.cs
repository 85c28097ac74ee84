namespace PatchHound.Api.ApiKeys;

/// <summary>The scope an API key needs for an endpoint, when it is not the default read/write by HTTP method.</summary>
internal sealed record ApiKeyScopeMetadata(string Scope);
