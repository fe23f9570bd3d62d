using Lotgenoten.Domain.Common;
using Lotgenoten.Domain.Tests.TestSupport;

namespace Lotgenoten.Domain.Tests.Common;

public class TextTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   \t ")]
    public void Clean_Blank_ReturnsNull(string? value)
    {
        Text.Clean(value, 10, "field").ShouldBeNull();
    }

    [Fact]
    public void Clean_Text_TrimsAndNormalisesToNfc()
    {
        // "e" + combining acute accent becomes the single character "é".
        Text.Clean("  Cafe\u0301 ", 10, "field").ShouldBe("Caf\u00e9");
    }

    [Fact]
    public void Clean_LengthAtLimit_IsAccepted()
    {
        Text.Clean(new string('x', 10), 10, "field").ShouldBe(new string('x', 10));
    }

    [Fact]
    public void Clean_TooLong_ThrowsFieldTooLong()
    {
        DomainAssert.Throws(() => Text.Clean(new string('x', 11), 10, "field"), "field.too-long");
    }

    [Theory]
    [InlineData("a\0b")]
    [InlineData("a\u0007b")]
    [InlineData("a\u001Bb")]
    [InlineData("a\u200Bb")] // zero-width space (format character)
    [InlineData("a\u202Eb")] // right-to-left override
    [InlineData("a\nb")]
    [InlineData("a\tb")]
    public void Clean_ControlCharacters_ThrowsControlCharacters(string value)
    {
        DomainAssert.Throws(() => Text.Clean(value, 100, "field"), "field.control-characters");
    }

    [Fact]
    public void Clean_LineBreaksAllowed_KeepsThemButStillRefusesNul()
    {
        Text.Clean("line 1\r\nline 2\tend", 100, "field", allowLineBreaks: true).ShouldBe("line 1\r\nline 2\tend");
        DomainAssert.Throws(() => Text.Clean("line 1\n\0", 100, "field", allowLineBreaks: true), "field.control-characters");
    }

    [Fact]
    public void HasForbiddenControlCharacters_ZeroWidthJoinerInEmoji_IsAllowed()
    {
        Text.HasForbiddenControlCharacters("\U0001F468\u200D\U0001F469\u200D\U0001F467").ShouldBeFalse();
        Text.HasForbiddenControlCharacters(null).ShouldBeFalse();
    }

    [Fact]
    public void Required_Blank_ThrowsRequired()
    {
        DomainAssert.Throws(() => Text.Required("  ", 10, "field"), "field.required");
        Text.Required(" ok ", 10, "field").ShouldBe("ok");
    }
}
