using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace PatchHound.DefenderSimulator.Api;

/// <summary>
/// Signs and checks the simulator's SAS-like export file URLs: the signature covers tenant, generation, file and
/// expiry with a key made per process, so a URL cannot be edited into another file, tenant or lifetime.
/// </summary>
public sealed class ExportFileSigner
{
    public const string ExpiryFormat = "yyyy-MM-dd'T'HH:mm:ss'Z'";

    private readonly byte[] key = RandomNumberGenerator.GetBytes(32);

    public string Sign(string tenantId, int generation, int file, DateTimeOffset expiry) =>
        Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(Payload(tenantId, generation, file, expiry))));

    public bool Verifies(string tenantId, int generation, int file, DateTimeOffset expiry, string? signature)
    {
        byte[] given;
        try
        {
            given = Convert.FromBase64String(signature ?? string.Empty);
        }
        catch (FormatException)
        {
            return false;
        }

        var expected = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(Payload(tenantId, generation, file, expiry)));
        return CryptographicOperations.FixedTimeEquals(given, expected);
    }

    private static string Payload(string tenantId, int generation, int file, DateTimeOffset expiry) =>
        string.Create(CultureInfo.InvariantCulture, $"{tenantId.ToLowerInvariant()}/{generation}/{file}/{expiry.UtcDateTime.ToString(ExpiryFormat, CultureInfo.InvariantCulture)}");
}
