using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace PatchHound.DefenderSimulator.Auth;

/// <summary>
/// Issues and checks HS256 JWTs shaped like Entra ID app-only tokens for Defender (tid, appid, roles), so a client
/// may decode them as it would real ones. The key is <c>Simulator:SigningKey</c> or random per process.
/// </summary>
public sealed class TokenIssuer(IOptions<SimulatorOptions> options, TimeProvider time)
{
    private static readonly string Header = Base64Url.EncodeToString("""{"alg":"HS256","typ":"JWT"}"""u8);
    private static readonly string[] Roles = ["Machine.Read.All", "Vulnerability.Read.All"];
    private readonly byte[] key = options.Value.SigningKey is { Length: > 0 } configured
        ? SHA256.HashData(Encoding.UTF8.GetBytes(configured))
        : RandomNumberGenerator.GetBytes(32);

    public IssuedToken Issue(string tenantId, string clientId, string audience, string issuer)
    {
        var now = time.GetUtcNow();
        var lifetime = options.Value.TokenLifetimeSeconds;
        var expires = now.AddSeconds(lifetime);
        var payload = Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["aud"] = audience,
            ["iss"] = issuer,
            ["iat"] = now.ToUnixTimeSeconds(),
            ["nbf"] = now.ToUnixTimeSeconds(),
            ["exp"] = expires.ToUnixTimeSeconds(),
            ["appid"] = clientId,
            ["oid"] = DeterministicGuid(clientId).ToString(),
            ["roles"] = Roles,
            ["sub"] = DeterministicGuid(clientId).ToString(),
            ["tid"] = tenantId,
            ["ver"] = "1.0",
            ["jti"] = Guid.NewGuid().ToString(),
        }));
        var unsigned = $"{Header}.{payload}";
        return new IssuedToken($"{unsigned}.{Sign(unsigned)}", lifetime, expires);
    }

    public TokenValidation Validate(string token)
    {
        var parts = token.Split('.');
        if (parts.Length != 3)
        {
            return TokenValidation.Refused("The access token is malformed.");
        }

        var expected = Encoding.ASCII.GetBytes(Sign($"{parts[0]}.{parts[1]}"));
        if (!CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(parts[2])))
        {
            return TokenValidation.Refused("The access token signature is invalid.");
        }

        using var claims = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1]));
        var root = claims.RootElement;
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        if (root.GetProperty("exp").GetInt64() <= now)
        {
            return TokenValidation.Refused("The access token has expired.");
        }

        return root.GetProperty("nbf").GetInt64() > now + 300
            ? TokenValidation.Refused("The access token is not valid yet.")
            : new TokenValidation(root.GetProperty("tid").GetString(), root.GetProperty("appid").GetString(), null);
    }

    private string Sign(string unsigned) => Base64Url.EncodeToString(HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(unsigned)));

    private static Guid DeterministicGuid(string text) => new(SHA256.HashData(Encoding.UTF8.GetBytes(text)).AsSpan(0, 16));
}
