using PatchHound.Reads.Settings;

namespace PatchHound.Api.ApiKeys;

/// <summary>The answer to creating a key: the only time its <see cref="Secret"/> is ever shown.</summary>
internal sealed record CreatedApiKeyDto(ApiKeyDto Key, string Secret);
