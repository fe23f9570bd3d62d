using System.Text;
using Lotgenoten.Infrastructure.Calendar;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Lotgenoten.Infrastructure.Tests.Calendar;

public sealed class CalendarTextTests
{
    [Theory]
    [InlineData(null, null)]
    [InlineData("", null)]
    [InlineData(" \r\n\t\0 ", null)]
    [InlineData("  Kerkstraat 1 \r\n\r\n 2000   Antwerpen ", "Kerkstraat 1, 2000 Antwerpen")]
    [InlineData("a\u2028b\u2029c\u0085d\u000Be\u000Cf", "a, b, c, d, e, f")]
    [InlineData("a\0b\u0007c\u001Bd\u007Fe\u0080f\u009Fg", "abcdefg")]
    [InlineData("\u202Eevil\u202C\uFEFF\u200Bx", "evilx")]
    [InlineData("👨‍👩‍👧 é", "👨‍👩‍👧 é")]
    [InlineData("e\u0301", "é")]
    public void Clean_TypedText_LineBreaksJoinedControlsRemoved(string? input, string? expected)
    {
        CalendarText.Clean(input, ", ").ShouldBe(expected);
    }

    [Fact]
    public void Clean_LoneSurrogates_Removed()
    {
        CalendarText.Clean("a\uD800b\uDC00c\uD83D", " ").ShouldBe("abc");
    }

    [Fact]
    public void Fold_LongLine_SplitsAt75OctetsOnRuneBoundariesAndKeepsEscapesWhole()
    {
        var value = new string('x', 63) + "\\n" + new string('é', 40) + "😀";

        var bytes = CalendarText.Fold($"BEGIN:VCALENDAR\r\nLOCATION:{value}\r\n END-OF-ICALNET-FOLD\r\nEND:VCALENDAR\r\n");

        var text = Encoding.UTF8.GetString(bytes);
        var lines = text.Split("\r\n");
        lines[1].ShouldBe("LOCATION:" + new string('x', 63) + "\\n");
        Encoding.UTF8.GetByteCount(lines[1]).ShouldBe(74); // the escape did not fit whole in 75
        lines[2].ShouldBe(" " + new string('é', 37));
        lines[3].ShouldBe(" ééé😀END-OF-ICALNET-FOLD");
        lines[4].ShouldBe("END:VCALENDAR");
        CalendarAssertions.WellFormedBytes(bytes);
    }

    [Fact]
    public void Fold_ControlCharacterLeftInOutput_Throws()
    {
        Should.Throw<InvalidOperationException>(() => CalendarText.Fold("SUMMARY:a\0b\r\n"));
        Should.Throw<InvalidOperationException>(() => CalendarText.Fold("SUMMARY:a\nATTENDEE:x\r\n"));
        Should.Throw<InvalidOperationException>(() => CalendarText.Fold("SUMMARY:a\uD800\r\n"));
    }

    [Fact]
    public void AddCalendar_Defaults_WriterAndNeutralOptions()
    {
        using var provider = new ServiceCollection()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().Build())
            .AddCalendar()
            .BuildServiceProvider();

        provider.GetRequiredService<ICalendarWriter>().ShouldBeOfType<CalendarWriter>();
        var options = provider.GetRequiredService<IOptions<CalendarOptions>>().Value;
        options.OrganizerEmail.ShouldBe("agenda@lotgenoten.invalid");
        options.UidDomain.ShouldBe("lotgenoten.invalid");
        options.OrganizerName.ShouldBeNull();
    }

    [Fact]
    public void AddCalendar_InvalidUidDomain_RefusedByValidation()
    {
        using var provider = new ServiceCollection()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder()
                .AddInMemoryCollection(new Dictionary<string, string?> { ["Calendar:UidDomain"] = "bad domain\r\nX:y" }).Build())
            .AddCalendar()
            .BuildServiceProvider();

        Should.Throw<OptionsValidationException>(() => provider.GetRequiredService<IOptions<CalendarOptions>>().Value);
    }
}
