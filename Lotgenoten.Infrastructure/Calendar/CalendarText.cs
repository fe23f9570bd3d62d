using System.Globalization;
using System.Text;

namespace Lotgenoten.Infrastructure.Calendar;

/// <summary>
/// The two guards between text a person typed and the bytes of a calendar object: <see cref="Clean"/> before a value is
/// handed to Ical.Net, <see cref="Fold"/> after it serialised. Decisions: a typed line break (CR, LF, CRLF, NEL, VT, FF,
/// U+2028, U+2029) never reaches the output: lines are trimmed and joined with a separator (", " for an address, a space
/// elsewhere); every other control or format character (NUL, C0, C1, bidi overrides, BOM) and every lone surrogate is
/// removed, except the zero-width (non-)joiners that emoji and some scripts need.
/// </summary>
public static class CalendarText
{
    /// <summary>The longest content line in octets, CRLF excluded (RFC 5545 §3.1).</summary>
    public const int MaxLineOctets = 75;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Typed text made safe for a TEXT value; null when nothing printable is left.</summary>
    public static string? Clean(string? value, string lineSeparator = " ")
    {
        ArgumentNullException.ThrowIfNull(lineSeparator);
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        var lines = new List<string>();
        var line = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c))
            {
                if (i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
                {
                    line.Append(c).Append(value[i + 1]);
                    i++;
                }

                continue;
            }

            if (char.IsLowSurrogate(c))
            {
                continue;
            }

            if (IsLineBreak(c))
            {
                lines.Add(line.ToString());
                line.Clear();
                continue;
            }

            if (c == '\t' || char.IsWhiteSpace(c))
            {
                line.Append(' ');
                continue;
            }

            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category is UnicodeCategory.Control or UnicodeCategory.Format && c is not '\u200C' and not '\u200D')
            {
                continue;
            }

            if (c is '\uFFFE' or '\uFFFF')
            {
                continue;
            }

            line.Append(c);
        }

        lines.Add(line.ToString());
        var joined = string.Join(lineSeparator, lines.Select(CollapseSpaces).Where(l => l.Length > 0));
        return joined.Length == 0 ? null : joined.Normalize(NormalizationForm.FormC);
    }

    /// <summary>
    /// Re-folds serialised iCalendar text into UTF-8 lines of at most <see cref="MaxLineOctets"/> octets, never splitting a
    /// UTF-8 sequence (nor an escape such as <c>\n</c>). Ical.Net folds by UTF-16 characters, which splits emoji and
    /// makes lines too long in octets; its folds are undone first. Throws when a control character other than the line
    /// ends would reach the output: that would be a bug in <see cref="Clean"/> or its callers, not something to send.
    /// </summary>
    public static byte[] Fold(string serialized)
    {
        ArgumentNullException.ThrowIfNull(serialized);
        var unfolded = serialized.Replace("\r\n ", string.Empty, StringComparison.Ordinal)
            .Replace("\r\n\t", string.Empty, StringComparison.Ordinal);
        var output = new StringBuilder(unfolded.Length + (unfolded.Length / 60 * 3));
        Span<byte> scratch = stackalloc byte[8];
        foreach (var line in unfolded.Split("\r\n"))
        {
            if (line.Length == 0)
            {
                continue;
            }

            var octets = 0;
            var i = 0;
            while (i < line.Length)
            {
                var unitLength = UnitLength(line, i);
                var unit = line.AsSpan(i, unitLength);
                var unitOctets = StrictUtf8.GetBytes(unit, scratch);
                if (octets + unitOctets > MaxLineOctets)
                {
                    output.Append("\r\n ");
                    octets = 1;
                }

                output.Append(unit);
                octets += unitOctets;
                i += unitLength;
            }

            output.Append("\r\n");
        }

        return StrictUtf8.GetBytes(output.ToString());
    }

    /// <summary>One rune, or an escape (backslash and the rune after it), so that a fold never splits either.</summary>
    private static int UnitLength(string line, int index)
    {
        var length = RuneLength(line, index);
        if (line[index] == '\\' && index + 1 < line.Length)
        {
            length += RuneLength(line, index + 1);
        }

        return length;
    }

    private static int RuneLength(string line, int index)
    {
        var c = line[index];
        if (char.IsHighSurrogate(c) && index + 1 < line.Length && char.IsLowSurrogate(line[index + 1]))
        {
            return 2;
        }

        if (char.IsSurrogate(c))
        {
            throw new InvalidOperationException("A lone surrogate reached the calendar output.");
        }

        if (char.IsControl(c))
        {
            throw new InvalidOperationException($"Control character U+{(int)c:X4} reached the calendar output.");
        }

        return 1;
    }

    private static bool IsLineBreak(char c) => c is '\r' or '\n' or '\u000B' or '\u000C' or '\u0085' or '\u2028' or '\u2029';

    private static string CollapseSpaces(string line)
    {
        var builder = new StringBuilder(line.Length);
        foreach (var c in line.Trim())
        {
            if (c == ' ' && builder.Length > 0 && builder[^1] == ' ')
            {
                continue;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }
}
