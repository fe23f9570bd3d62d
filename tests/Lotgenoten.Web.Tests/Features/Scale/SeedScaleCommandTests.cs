using Lotgenoten.Web.Features.Scale;

namespace Lotgenoten.Web.Tests.Features.Scale;

/// <summary>The command line of <c>seed-scale</c>: its own options are read, everything else goes to configuration.</summary>
public sealed class SeedScaleCommandTests
{
    [Fact]
    public void IsRequested_FirstArgumentSeedScale_IsTrueOnlyThen()
    {
        SeedScaleCommand.IsRequested(["seed-scale", "--years", "2"]).ShouldBeTrue();
        SeedScaleCommand.IsRequested(["--urls", "http://localhost:5181"]).ShouldBeFalse();
        SeedScaleCommand.IsRequested([]).ShouldBeFalse();
    }

    [Fact]
    public void TryParse_AllOptions_ReadsThemAndPassesTheRestOn()
    {
        var ok = SeedScaleCommand.TryParse(
            ["--years", "3", "--scale", "0.5", "--seed", "42", "--ids-file", "/tmp/ids.json", "--Database:Provider=Postgres"],
            out var options, out var idsFile, out var rest, out var error);

        ok.ShouldBeTrue();
        error.ShouldBeNull();
        options.Years.ShouldBe(3);
        options.Scale.ShouldBe(0.5);
        options.Seed.ShouldBe(42);
        idsFile.ShouldBe("/tmp/ids.json");
        rest.ShouldBe(["--Database:Provider=Postgres"]);
    }

    [Fact]
    public void TryParse_NoOptions_GivesTenYearsAtFiftyTimes()
    {
        SeedScaleCommand.TryParse([], out var options, out var idsFile, out _, out _).ShouldBeTrue();

        options.Years.ShouldBe(10);
        options.Scale.ShouldBe(50);
        idsFile.ShouldBeNull();
    }

    [Theory]
    [InlineData("--years", "ten", "--years has a value that is not a number: ten")]
    [InlineData("--years", "0", "--years must be 1 to 20.")]
    [InlineData("--scale", "-1", "--scale must be more than 0 and at most 1000.")]
    public void TryParse_BadValue_IsRefusedWithAMessage(string option, string value, string message)
    {
        SeedScaleCommand.TryParse([option, value], out _, out _, out _, out var error).ShouldBeFalse();

        error.ShouldBe(message);
    }

    [Fact]
    public void TryParse_OptionWithoutValue_IsRefused()
    {
        SeedScaleCommand.TryParse(["--seed"], out _, out _, out _, out var error).ShouldBeFalse();

        error.ShouldBe("--seed needs a value.");
    }
}
