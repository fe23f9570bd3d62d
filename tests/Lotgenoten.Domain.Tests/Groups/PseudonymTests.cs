using Lotgenoten.Domain.Groups;
using Lotgenoten.Domain.Tests.TestSupport;

namespace Lotgenoten.Domain.Tests.Groups;

public class PseudonymTests
{
    [Theory]
    [InlineData("  Zon   Bloem ", "Zon Bloem")]
    [InlineData("Zon\u00A0Bloem", "Zon Bloem")] // no-break space folded by NFKC
    [InlineData("Cafe\u0301", "Caf\u00e9")] // composed
    [InlineData("\uFF21nna", "Anna")] // full-width A folded by NFKC
    [InlineData("Jo", "Jo")]
    public void Normalize_ValidName_ReturnsNormalisedForm(string input, string expected)
    {
        Pseudonym.Normalize(input).ShouldBe(expected);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Normalize_Blank_ThrowsRequired(string? input)
    {
        DomainAssert.Throws(() => Pseudonym.Normalize(input), "pseudonym.required");
    }

    [Fact]
    public void Normalize_OneCharacter_ThrowsTooShort()
    {
        DomainAssert.Throws(() => Pseudonym.Normalize("A"), "pseudonym.too-short");
    }

    [Fact]
    public void Normalize_ThirtyCharacters_IsAccepted()
    {
        var name = new string('a', Pseudonym.MaxLength);

        Pseudonym.Normalize(name).ShouldBe(name);
    }

    [Fact]
    public void Normalize_ThirtyOneCharacters_ThrowsTooLong()
    {
        DomainAssert.Throws(() => Pseudonym.Normalize(new string('a', Pseudonym.MaxLength + 1)), "pseudonym.too-long");
    }

    [Fact]
    public void Normalize_SingleEmoji_CountsAsOneCharacter()
    {
        // One sunflower is two UTF-16 code units but one character: too short.
        DomainAssert.Throws(() => Pseudonym.Normalize("\U0001F33B"), "pseudonym.too-short");
        Pseudonym.Normalize("\U0001F33B\U0001F33B").ShouldBe("\U0001F33B\U0001F33B");
    }

    [Fact]
    public void Normalize_FamilyEmojiWithJoiners_CountsAsOneCharacter()
    {
        const string family = "\U0001F468\u200D\U0001F469\u200D\U0001F467"; // eight UTF-16 code units
        var name = new string('a', Pseudonym.MaxLength - 1) + family;

        Pseudonym.Normalize(name).ShouldBe(name);
        DomainAssert.Throws(() => Pseudonym.Normalize("a" + name), "pseudonym.too-long");
    }

    [Theory]
    [InlineData("anna@example.be")]
    [InlineData("mail: anna@telenet.be")]
    public void Normalize_EmailAddress_ThrowsEmail(string input)
    {
        DomainAssert.Throws(() => Pseudonym.Normalize(input), "pseudonym.email");
    }

    [Theory]
    [InlineData("0475123456")]
    [InlineData("Anna +32 475 12 34 56")]
    [InlineData("bel 0800 200 50")]
    public void Normalize_PhoneNumber_ThrowsPhone(string input)
    {
        DomainAssert.Throws(() => Pseudonym.Normalize(input), "pseudonym.phone");
    }

    [Fact]
    public void Normalize_FewDigitsOrAtSign_IsAccepted()
    {
        Pseudonym.Normalize("Zonnebloem 2026").ShouldBe("Zonnebloem 2026");
        Pseudonym.Normalize("Anna @ home").ShouldBe("Anna @ home");
    }

    [Theory]
    [InlineData("An\0na")]
    [InlineData("An\nna")]
    [InlineData("An\u202Ena")]
    public void Normalize_ControlCharacters_Throws(string input)
    {
        DomainAssert.Throws(() => Pseudonym.Normalize(input), "pseudonym.control-characters");
    }

    [Theory]
    [InlineData("Anna")]
    [InlineData("anna")]
    [InlineData("ANNA")]
    [InlineData("\u0410nna")] // Cyrillic capital A
    [InlineData("\u0430nna")] // Cyrillic small a
    [InlineData("\u00C1nna")] // Á precomposed
    [InlineData("A\u0301nna")] // A + combining acute
    [InlineData("A n-n_a.")]
    [InlineData("\u0391nna")] // Greek capital alpha
    public void Skeleton_LookAlikes_AllFoldToTheSameForm(string input)
    {
        Pseudonym.Skeleton(input).ShouldBe("anna");
    }

    [Fact]
    public void Skeleton_DifferentNames_Differ()
    {
        Pseudonym.Skeleton("Anna").ShouldNotBe(Pseudonym.Skeleton("Anne"));
        Pseudonym.Skeleton("Zonnebloem").ShouldBe("zonnebloem");
    }
}
