using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;

namespace Lotgenoten.Infrastructure.Protection;

/// <summary>
/// Encrypts each key of the Data Protection key ring with the key-encryption key (AES-256-GCM) before it is written to
/// the database, so that a database dump alone decrypts nothing. <see cref="KeyEncryptionKeyXmlDecryptor"/> reverses it.
/// </summary>
internal sealed class KeyEncryptionKeyXmlEncryptor(ProtectionKeys keys) : IXmlEncryptor
{
    internal const string Algorithm = "AES-256-GCM";
    internal const int NonceSize = 12;
    internal const int TagSize = 16;

    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        ArgumentNullException.ThrowIfNull(plaintextElement);
        var kek = keys.KeyEncryptionKey;
        var plaintext = Encoding.UTF8.GetBytes(plaintextElement.ToString(SaveOptions.DisableFormatting));
        try
        {
            var nonce = RandomNumberGenerator.GetBytes(NonceSize);
            var ciphertext = new byte[plaintext.Length];
            var tag = new byte[TagSize];
            using (var aes = new AesGcm(kek.Key, TagSize))
            {
                aes.Encrypt(nonce, plaintext, ciphertext, tag, AssociatedData(kek.Id));
            }

            var element = new XElement("encryptedKey",
                new XAttribute("algorithm", Algorithm),
                new XAttribute("kekId", kek.Id),
                new XComment(" Encrypted with the Lotgenoten key-encryption key (DataProtection:KeyEncryptionKey). "),
                new XElement("nonce", Convert.ToBase64String(nonce)),
                new XElement("ciphertext", Convert.ToBase64String(ciphertext)),
                new XElement("tag", Convert.ToBase64String(tag)));
            return new EncryptedXmlInfo(element, typeof(KeyEncryptionKeyXmlDecryptor));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    /// <summary>Binds the ciphertext to the format version and the key id.</summary>
    internal static byte[] AssociatedData(string kekId) => Encoding.ASCII.GetBytes($"Lotgenoten key ring v1|{Algorithm}|{kekId}");
}
