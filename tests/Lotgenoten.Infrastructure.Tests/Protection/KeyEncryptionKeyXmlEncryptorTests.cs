using System.Security.Cryptography;
using System.Xml.Linq;
using Lotgenoten.Infrastructure.Protection;
using Lotgenoten.Infrastructure.Tests.TestSupport;

namespace Lotgenoten.Infrastructure.Tests.Protection;

public sealed class KeyEncryptionKeyXmlEncryptorTests
{
    private static readonly XElement Secret = XElement.Parse(
        "<masterKey><value>c2VjcmV0LWtleS1tYXRlcmlhbC0xMjM0NTY3ODkwYWJjZGVm</value></masterKey>");

    [Fact]
    public void Encrypt_ThenDecrypt_GivesTheElementBack()
    {
        var keys = new ProtectionKeys(TestKeys.Options());
        var encrypted = new KeyEncryptionKeyXmlEncryptor(keys).Encrypt(Secret);

        encrypted.DecryptorType.ShouldBe(typeof(KeyEncryptionKeyXmlDecryptor));
        encrypted.EncryptedElement.ToString().ShouldNotContain("c2VjcmV0");
        new KeyEncryptionKeyXmlDecryptor(keys).Decrypt(encrypted.EncryptedElement).ToString().ShouldBe(Secret.ToString());
    }

    [Fact]
    public void Encrypt_Twice_GivesDifferentCiphertexts()
    {
        var encryptor = new KeyEncryptionKeyXmlEncryptor(new ProtectionKeys(TestKeys.Options()));
        encryptor.Encrypt(Secret).EncryptedElement.ToString().ShouldNotBe(encryptor.Encrypt(Secret).EncryptedElement.ToString());
    }

    [Fact]
    public void Decrypt_WithAnotherKeyEncryptionKey_ThrowsNamingTheSetting()
    {
        var encrypted = new KeyEncryptionKeyXmlEncryptor(new ProtectionKeys(TestKeys.Options())).Encrypt(Secret).EncryptedElement;

        var other = new KeyEncryptionKeyXmlDecryptor(new ProtectionKeys(TestKeys.Options(kek: TestKeys.OtherKeyEncryptionKey)));
        Should.Throw<CryptographicException>(() => other.Decrypt(encrypted)).Message.ShouldContain("DataProtection:KeyEncryptionKey");
    }

    [Fact]
    public void Decrypt_WithTheRightKeyButAForgedKeyId_FailsAuthentication()
    {
        // A stranger's KEK cannot pass itself off under the configured key's id.
        var stranger = new ProtectionKeys(TestKeys.Options(kek: TestKeys.OtherKeyEncryptionKey));
        var encrypted = new KeyEncryptionKeyXmlEncryptor(stranger).Encrypt(Secret).EncryptedElement;
        var keys = new ProtectionKeys(TestKeys.Options());
        encrypted.SetAttributeValue("kekId", keys.KeyEncryptionKey.Id);

        Should.Throw<CryptographicException>(() => new KeyEncryptionKeyXmlDecryptor(keys).Decrypt(encrypted));
    }

    [Fact]
    public void Decrypt_TamperedCiphertext_Throws()
    {
        var keys = new ProtectionKeys(TestKeys.Options());
        var encrypted = new KeyEncryptionKeyXmlEncryptor(keys).Encrypt(Secret).EncryptedElement;
        var ciphertext = Convert.FromBase64String(encrypted.Element("ciphertext")!.Value);
        ciphertext[0] ^= 1;
        encrypted.Element("ciphertext")!.Value = Convert.ToBase64String(ciphertext);

        Should.Throw<CryptographicException>(() => new KeyEncryptionKeyXmlDecryptor(keys).Decrypt(encrypted));
    }
}
