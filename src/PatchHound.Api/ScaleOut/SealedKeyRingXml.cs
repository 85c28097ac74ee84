using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using PatchHound.Infrastructure.Secrets;

namespace PatchHound.Api.ScaleOut;

/// <summary>
/// Seals each Data Protection key-ring element with AES-256-GCM under a configured key (<c>DataProtection:Keys</c>),
/// so the store of the key ring (Redis) holds only ciphertext: <c>&lt;sealed keyId=".." nonce=".."&gt;base64&lt;/sealed&gt;</c>.
/// The associated data binds the key id. Data Protection creates the decryptor by type, through the constructor
/// taking the service provider.
/// </summary>
internal sealed class SealedKeyRingXml(SecretKeyRing keys) : IXmlEncryptor, IXmlDecryptor
{
    private const string Purpose = "patchhound-data-protection-v1";
    private static readonly XName Sealed = "sealed";

    public SealedKeyRingXml(IServiceProvider services)
        : this(services.GetRequiredService<KeyRingSealingKeys>().Ring)
    {
    }

    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        ArgumentNullException.ThrowIfNull(plaintextElement);
        var (keyId, key) = keys.Active;
        var (nonce, ciphertext) = SecretSealer.Seal(key, AssociatedData(keyId), plaintextElement.ToString(SaveOptions.DisableFormatting));
        var element = new XElement(Sealed, new XAttribute("keyId", keyId), new XAttribute("nonce", Convert.ToBase64String(nonce)), Convert.ToBase64String(ciphertext));
        return new EncryptedXmlInfo(element, typeof(SealedKeyRingXml));
    }

    public XElement Decrypt(XElement encryptedElement)
    {
        ArgumentNullException.ThrowIfNull(encryptedElement);
        var keyId = (string?)encryptedElement.Attribute("keyId") ?? "";
        var key = keys.Find(keyId)
            ?? throw new CryptographicException(
                $"A Data Protection key-ring element is sealed with key '{keyId}', which is not among {KeyRingEncryptionOptions.Section}:Keys.");
        try
        {
            var nonce = Convert.FromBase64String((string?)encryptedElement.Attribute("nonce") ?? "");
            var xml = SecretSealer.Open(key, AssociatedData(keyId), nonce, Convert.FromBase64String(encryptedElement.Value));
            return XElement.Parse(xml);
        }
        catch (Exception e) when (e is AuthenticationTagMismatchException or FormatException)
        {
            throw new CryptographicException(
                $"A Data Protection key-ring element sealed with key '{keyId}' cannot be opened: the key does not match it, or it was altered.", e);
        }
    }

    private static byte[] AssociatedData(string keyId) => Encoding.UTF8.GetBytes($"{Purpose}|{keyId.ToUpperInvariant()}");
}

/// <summary>The key ring's sealing keys, decoded once (a type of its own so it is not the secret store's ring).</summary>
internal sealed class KeyRingSealingKeys(SecretKeyRing ring)
{
    public SecretKeyRing Ring { get; } = ring;
}
