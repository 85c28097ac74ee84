namespace PatchHound.Core.Identity;

/// <summary>A new key and its secret: the secret is shown to the caller once and never stored.</summary>
public sealed record IssuedApiKey(ApiKey Key, string Secret);
