using Lotgenoten.Domain.Common;

namespace Lotgenoten.Domain.Tests.Common;

public class LanguageCodesTests
{
    [Theory]
    [InlineData(Language.Nl, "nl")]
    [InlineData(Language.Fr, "fr")]
    [InlineData(Language.En, "en")]
    public void ToCodeAndTryParse_EveryLanguage_RoundTrips(Language language, string code)
    {
        language.ToCode().ShouldBe(code);
        LanguageCodes.TryParse(" " + code.ToUpperInvariant() + " ", out var parsed).ShouldBeTrue();
        parsed.ShouldBe(language);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("de")]
    [InlineData("")]
    public void TryParse_UnknownCode_ReturnsFalse(string? code)
    {
        LanguageCodes.TryParse(code, out _).ShouldBeFalse();
    }
}

public class RegionCodesTests
{
    [Fact]
    public void ToCodeAndTryParse_EveryRegion_RoundTrips()
    {
        foreach (var region in Enum.GetValues<Region>())
        {
            RegionCodes.TryParse(region.ToCode().ToLowerInvariant(), out var parsed).ShouldBeTrue();
            parsed.ShouldBe(region);
        }

        RegionCodes.All.Count.ShouldBe(12);
        RegionCodes.All.ShouldBeUnique();
        Region.Brussels.ToCode().ShouldBe("BE-BRU");
        Region.OnlineOnly.ToCode().ShouldBe("online");
    }

    [Fact]
    public void TryParse_UnknownCode_ReturnsFalse()
    {
        RegionCodes.TryParse("BE-XXX", out _).ShouldBeFalse();
        RegionCodes.TryParse(null, out _).ShouldBeFalse();
    }
}
