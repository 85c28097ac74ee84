namespace PatchHound.Api.Auth;

/// <summary>The answer of <c>POST /auth/dev/token</c>, shaped like an OAuth token response.</summary>
internal sealed record DevToken(string AccessToken, string TokenType, int ExpiresIn, DateTimeOffset ExpiresAt);
