using System.Security.Cryptography;
using Lotgenoten.Infrastructure.Protection;
using Lotgenoten.Infrastructure.Tests.TestSupport;
using Microsoft.AspNetCore.DataProtection;

namespace Lotgenoten.Infrastructure.Tests.Protection;

public sealed class FieldProtectorTests
{
    private readonly EphemeralDataProtectionProvider provider = new();

    private FieldProtector Create(string? blindIndexKey = null) =>
        new(provider, new ProtectionKeys(TestKeys.Options(blindIndexKey: blindIndexKey)));

    [Theory]
    [InlineData("zonnebloem@example.be")]
    [InlineData("Привет, как дела? Ёжик")]
    [InlineData("🌻 zonnige dinsdag 👨‍👩‍👧 🙂")]
    [InlineData("")]
    [InlineData("e\u0301\u200d\uFEFF line\r\nbreak")]
    public void Protect_ThenUnprotect_GivesTheTextBack(string plaintext)
    {
        var protector = Create();
        var ciphertext = protector.Protect("Referral.Email", plaintext);

        if (plaintext.Length > 0)
        {
            ciphertext.ShouldNotContain(plaintext);
        }

        protector.Unprotect("Referral.Email", ciphertext).ShouldBe(plaintext);
    }

    [Fact]
    public void Protect_SameTextTwice_GivesDifferentCiphertexts()
    {
        var protector = Create();
        protector.Protect("Note.Text", "notitie").ShouldNotBe(protector.Protect("Note.Text", "notitie"));
    }

    [Fact]
    public void Unprotect_WithAnotherPurpose_Throws()
    {
        var protector = Create();
        var ciphertext = protector.Protect("Referral.Email", "zonnebloem@example.be");
        Should.Throw<CryptographicException>(() => protector.Unprotect("Note.Text", ciphertext));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(15)]
    [InlineData(16)]
    [InlineData(254)]
    [InlineData(4000)]
    public void Protect_LongestText_FitsMaxProtectedLength(int length)
    {
        var protector = Create();
        var max = FieldProtection.MaxProtectedLength(length);

        protector.Protect("p", new string('€', length)).Length.ShouldBeLessThanOrEqualTo(max); // 3 UTF-8 bytes each
        protector.Protect("p", string.Concat(Enumerable.Repeat("🌻", length / 2))).Length.ShouldBeLessThanOrEqualTo(max);
        protector.Protect("p", new string('a', length)).Length.ShouldBeLessThanOrEqualTo(max);
    }

    [Fact]
    public void BlindIndex_SameValue_IsStableAcrossInstances()
    {
        var index = Create().BlindIndex("Referral.Email", "zonnebloem@example.be");

        index.Length.ShouldBe(FieldProtection.BlindIndexLength);
        index.ShouldMatch("^[0-9a-f]{64}$");
        Create().BlindIndex("Referral.Email", "zonnebloem@example.be").ShouldBe(index);
        index.ShouldNotContain("zonnebloem");
    }

    [Fact]
    public void BlindIndex_DiffersPerPurposeValueAndKey()
    {
        var protector = Create();
        var index = protector.BlindIndex("Referral.Email", "zonnebloem@example.be");

        protector.BlindIndex("Invitation.Email", "zonnebloem@example.be").ShouldNotBe(index);
        protector.BlindIndex("Referral.Email", "zonnebloem@example.com").ShouldNotBe(index);
        Create(blindIndexKey: TestKeys.OtherKeyEncryptionKey).BlindIndex("Referral.Email", "zonnebloem@example.be").ShouldNotBe(index);
    }

    [Fact]
    public void BlindIndex_Unicode_IsStable()
    {
        var protector = Create();
        protector.BlindIndex("Pseudonym", "подсолнух🌻").ShouldBe(protector.BlindIndex("Pseudonym", "подсолнух🌻"));
        protector.BlindIndex("Pseudonym", "подсолнух🌻").ShouldNotBe(protector.BlindIndex("Pseudonym", "подсолнух"));
    }
}
