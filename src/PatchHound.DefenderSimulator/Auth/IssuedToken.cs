namespace PatchHound.DefenderSimulator.Auth;

public sealed record IssuedToken(string AccessToken, int ExpiresIn, DateTimeOffset ExpiresOn);
