using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.DependencyInjection;

namespace Lotgenoten.Infrastructure.Protection;

/// <summary>
/// Decrypts a key written by <see cref="KeyEncryptionKeyXmlEncryptor"/> with the configured key-encryption key (or a
/// retired one). Data Protection creates it by the type name stored next to each key, through this public constructor.
/// </summary>
public sealed class KeyEncryptionKeyXmlDecryptor : IXmlDecryptor
{
    private readonly ProtectionKeys keys;

    /// <summary>Used by Data Protection, which activates decryptors by type name.</summary>
    public KeyEncryptionKeyXmlDecryptor(IServiceProvider services)
        : this(services.GetRequiredService<ProtectionKeys>())
    {
    }

    internal KeyEncryptionKeyXmlDecryptor(ProtectionKeys keys) => this.keys = keys;

    /// <inheritdoc />
    public XElement Decrypt(XElement encryptedElement)
    {
        ArgumentNullException.ThrowIfNull(encryptedElement);
        if ((string?)encryptedElement.Attribute("algorithm") != KeyEncryptionKeyXmlEncryptor.Algorithm)
        {
            throw new CryptographicException("Unknown key-encryption algorithm on a Data Protection key.");
        }

        var kekId = (string?)encryptedElement.Attribute("kekId");
        var kek = keys.FindKeyEncryptionKey(kekId) ?? throw new CryptographicException(
            $"This Data Protection key was encrypted with a key-encryption key (id {kekId}) that is not configured. " +
            "Set DataProtection:KeyEncryptionKey to that key, or list it in DataProtection:RetiredKeyEncryptionKeys.");

        var nonce = ReadBase64(encryptedElement, "nonce");
        var ciphertext = ReadBase64(encryptedElement, "ciphertext");
        var tag = ReadBase64(encryptedElement, "tag");
        var plaintext = new byte[ciphertext.Length];
        try
        {
            using (var aes = new AesGcm(kek.Key, KeyEncryptionKeyXmlEncryptor.TagSize))
            {
                aes.Decrypt(nonce, ciphertext, tag, plaintext, KeyEncryptionKeyXmlEncryptor.AssociatedData(kek.Id));
            }

            return XElement.Parse(Encoding.UTF8.GetString(plaintext));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    private static byte[] ReadBase64(XElement parent, string name)
    {
        var value = (string?)parent.Element(name);
        return value is null
            ? throw new CryptographicException($"A Data Protection key lacks its '{name}'.")
            : Convert.FromBase64String(value);
    }
}
