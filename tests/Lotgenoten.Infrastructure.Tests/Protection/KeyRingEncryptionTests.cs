using System.Security.Cryptography;
using System.Xml.Linq;
using Lotgenoten.Infrastructure.Protection;
using Lotgenoten.Infrastructure.Tests.TestSupport;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Lotgenoten.Infrastructure.Tests.Protection;

/// <summary>The Data Protection key ring lives in the database, and the database alone cannot open it.</summary>
public abstract class KeyRingEncryptionTests<TDatabase>(TDatabase database) : DatabaseTest<TDatabase>(database)
    where TDatabase : TestDatabase
{
    private const string Purpose = "Lotgenoten.Tests.KeyRing";

    [Fact]
    public async Task KeyRing_InTheDatabase_HoldsNoPlaintextKeyMaterial()
    {
        Protect(Host, "geheim");

        await using var db = await DbFactory.CreateDbContextAsync(Ct);
        var rows = await db.DataProtectionKeys.AsNoTracking().ToListAsync(Ct);
        rows.ShouldNotBeEmpty();

        var decryptor = new KeyEncryptionKeyXmlDecryptor(new ProtectionKeys(TestKeys.Options()));
        var checkedKeys = 0;
        foreach (var row in rows)
        {
            var xml = XElement.Parse(row.Xml!);
            xml.Descendants().ShouldNotContain(e => e.Name.LocalName == "masterKey", "a master key in the clear");
            var secret = xml.Descendants().Single(e => e.Name.LocalName == "encryptedSecret");
            ((string?)secret.Attribute("decryptorType")).ShouldStartWith(typeof(KeyEncryptionKeyXmlDecryptor).FullName!);

            var encrypted = secret.Elements().Single();
            if ((string?)encrypted.Attribute("kekId") != new KeyEncryptionKey(Convert.FromBase64String(TestKeys.KeyEncryptionKey)).Id)
            {
                continue; // written by a test host with another key-encryption key
            }

            // With the KEK the master key comes out; its bytes appear nowhere in what the database holds.
            var masterKey = decryptor.Decrypt(encrypted);
            masterKey.Name.LocalName.ShouldBe("masterKey");
            var value = masterKey.Elements().Single(e => e.Name.LocalName == "value").Value;
            Convert.FromBase64String(value).Length.ShouldBeGreaterThanOrEqualTo(32);
            row.Xml!.ShouldNotContain(value);
            checkedKeys++;
        }

        checkedKeys.ShouldBeGreaterThan(0);
    }

    [Fact]
    public void KeyRing_WithAnotherKeyEncryptionKey_DecryptsNothing()
    {
        var payload = Protect(Host, "geheim");

        var other = CreateHost([new("DataProtection:KeyEncryptionKey", TestKeys.OtherKeyEncryptionKey)]);
        Should.Throw<CryptographicException>(() => Unprotect(other, payload));
    }

    [Fact]
    public void KeyRing_WithTheSameKeyEncryptionKey_DecryptsInAnotherProcess()
    {
        var payload = Protect(Host, "geheim 🌻");

        Unprotect(CreateHost(), payload).ShouldBe("geheim 🌻");
    }

    [Fact]
    public void KeyRing_AfterKeyEncryptionKeyRotation_DecryptsWithTheRetiredKey()
    {
        var payload = Protect(Host, "geheim");
        var newKek = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

        var rotated = CreateHost(
        [
            new("DataProtection:KeyEncryptionKey", newKek),
            new("DataProtection:RetiredKeyEncryptionKeys:0", TestKeys.KeyEncryptionKey),
        ]);
        Unprotect(rotated, payload).ShouldBe("geheim");
    }

    [Fact]
    public void FieldProtector_ProtectedInOneProcess_UnprotectsInAnother()
    {
        var protectedValue = Host.Services.GetRequiredService<IFieldProtector>().Protect("Referral.Email", "zonnebloem@example.be");

        var other = CreateHost().Services.GetRequiredService<IFieldProtector>();
        other.Unprotect("Referral.Email", protectedValue).ShouldBe("zonnebloem@example.be");
    }

    private static string Protect(IHost host, string value) =>
        host.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose).Protect(value);

    private static string Unprotect(IHost host, string payload) =>
        host.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose).Unprotect(payload);
}

public sealed class SqliteKeyRingEncryptionTests(SqliteTestDatabase database) : KeyRingEncryptionTests<SqliteTestDatabase>(database);

public sealed class PostgresKeyRingEncryptionTests(PostgresTestDatabase database) : KeyRingEncryptionTests<PostgresTestDatabase>(database);
