using System.Text;
using Lotgenoten.Infrastructure.Calendar;

namespace Lotgenoten.Infrastructure.Tests.Calendar;

/// <summary>Checks of the raw bytes of a calendar object (reusable by the feed and outbox tests).</summary>
public static class CalendarAssertions
{
    /// <summary>Every line at most 75 octets, CRLF only, valid UTF-8, and no line that starts inside a UTF-8 sequence.</summary>
    public static void WellFormedBytes(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        var strict = new UTF8Encoding(false, true);
        var text = strict.GetString(bytes); // throws on a broken sequence
        text.ShouldNotContain('\uFFFD');
        text.ShouldEndWith("\r\n");
        var start = 0;
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] == (byte)'\n')
            {
                bytes[i - 1].ShouldBe((byte)'\r', $"bare LF at {i}");
                var line = bytes.AsSpan(start, i - 1 - start);
                line.Length.ShouldBeLessThanOrEqualTo(CalendarText.MaxLineOctets);
                if (line.Length > 0)
                {
                    (line[0] & 0xC0).ShouldNotBe(0x80, $"a line starts inside a UTF-8 sequence at {start}");
                    strict.GetString(line); // each physical line is valid UTF-8 on its own
                }

                start = i + 1;
            }
            else if (bytes[i] < 0x20 && bytes[i] != '\r' && bytes[i] != '\t')
            {
                throw new ShouldAssertException($"control byte 0x{bytes[i]:X2} at {i}");
            }
        }
    }
}
