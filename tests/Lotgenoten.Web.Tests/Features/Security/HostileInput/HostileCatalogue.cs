namespace Lotgenoten.Web.Tests.Features.Security.HostileInput;

/// <summary>
/// The one catalogue of hostile input (issue 8) that the hostile-input tests apply to every text and value field of the
/// form services and the APIs: each entry has a name (the test case's label) and a value. A field must answer each with a
/// clear message or store it safely (shown as text later), never with a 500 and never with a partial change.
/// </summary>
public static class HostileCatalogue
{
    /// <summary>Hostile strings (names are the test labels).</summary>
    public static readonly IReadOnlyList<(string Name, string Value)> Strings =
    [
        ("empty", ""),
        ("spaces only", "     "),
        ("NUL", "voor\0na"),
        ("control character", "a\u0001b\u0007c"),
        ("escape sequence", "\u001b[31mrood\u001b[0m"),
        ("CR LF header injection", "tekst\r\nBcc: ander@voorbeeld.be"),
        ("tab", "een\ttwee"),
        ("10,000 characters", new string('x', 10_000)),
        ("10,000 emoji", string.Concat(Enumerable.Repeat("🙂", 5_000))),
        ("right-to-left override", "gewoon \u202Etxet"),
        ("zero-width space", "on\u200Bzichtbaar"),
        ("byte order mark", "\uFEFFbegin"),
        ("lone surrogate", "half \uD800 teken"),
        ("Cyrillic look-alike", "\u0410nna"),
        ("decomposed accent (NFD)", "Ame\u0301lie"),
        ("emoji family (ZWJ)", "👨‍👩‍👧 gezin"),
        ("SQL fragment", "'; DROP TABLE \"Referrals\"; --"),
        ("SQL tautology", "x' OR '1'='1"),
        ("script tag", "<script>alert(1)</script>"),
        ("HTML event handler", "<img src=x onerror=alert(1)>"),
        ("javascript URL", "javascript:alert(1)"),
        ("formula =", "=HYPERLINK(\"https://evil.example\",\"klik\")"),
        ("formula +", "+1+1"),
        ("formula -", "-2+3"),
        ("formula @", "@SUM(A1:A9)"),
        ("template injection", "{{7*7}} ${7*7} @(7*7)"),
        ("path traversal", "../../etc/passwd"),
        ("percent-encoded", "%3Cscript%3E%00"),
    ];

    /// <summary>Hostile numbers, as JSON number literals.</summary>
    public static readonly IReadOnlyList<(string Name, string Json)> Numbers =
    [
        ("zero", "0"),
        ("negative", "-1"),
        ("int max", "2147483647"),
        ("int min", "-2147483648"),
        ("beyond long", "99999999999999999999999"),
        ("fraction", "2.5"),
        ("exponent", "1e308"),
        ("negative zero", "-0"),
    ];

    /// <summary>Hostile dates and times (as ISO text): the clock changes in Brussels, far past and future, impossible ones.</summary>
    public static readonly IReadOnlyList<(string Name, string Value)> Dates =
    [
        ("year 1", "0001-01-01"),
        ("year 9999", "9999-12-31"),
        ("1900", "1900-01-01"),
        ("2100", "2100-01-01"),
        ("30 February", "2026-02-30"),
        ("spring clock change", "2026-03-29"),
        ("autumn clock change", "2026-10-25"),
        ("spring gap time", "2026-03-29T02:30:00"),
        ("autumn double time", "2026-10-25T02:30:00"),
        ("with offset", "2026-03-02T00:00:00+14:00"),
        ("not a date", "gisteren"),
    ];

    /// <summary>Hostile enum values, as JSON literals.</summary>
    public static readonly IReadOnlyList<(string Name, string Json)> Enums =
    [
        ("unknown name", "\"Unknown\""),
        ("number", "1"),
        ("number as text", "\"1\""),
        ("out-of-range number", "999"),
        ("negative number", "-1"),
        ("lower case", "\"partner\""),
        ("flags", "\"Partner, Parent\""),
        ("empty", "\"\""),
        ("null", "null"),
        ("object", "{}"),
    ];

    /// <summary><see cref="Strings"/> as theory data (name, value), for <c>[MemberData(nameof(HostileCatalogue.StringCases), MemberType = typeof(HostileCatalogue))]</c>.</summary>
    public static TheoryData<string, string> StringCases() => Cases(Strings);

    /// <summary><see cref="Dates"/> as theory data (name, value).</summary>
    public static TheoryData<string, string> DateCases() => Cases(Dates);

    private static TheoryData<string, string> Cases(IEnumerable<(string Name, string Value)> entries)
    {
        var data = new TheoryData<string, string>();
        foreach (var (name, value) in entries)
        {
            data.Add(name, value);
        }

        return data;
    }
}
