using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Lotgenoten.Domain.Common;

namespace Lotgenoten.Domain.Groups;

/// <summary>
/// The name a relative uses in a group. 2–30 characters, Unicode-normalised, never an e-mail address or a phone number,
/// unique in a group regardless of case, accents and look-alike letters (Latin "Anna" and Cyrillic "Аnna" clash).
/// </summary>
public static partial class Pseudonym
{
    public const int MinLength = 2;
    public const int MaxLength = 30;

    /// <summary>Cyrillic and Greek letters that look like Latin ones, mapped to the Latin letter (lower case).</summary>
    private static readonly Dictionary<char, char> Confusables = new()
    {
        ['а'] = 'a', ['в'] = 'b', ['е'] = 'e', ['ё'] = 'e', ['к'] = 'k', ['м'] = 'm', ['н'] = 'h', ['о'] = 'o', ['р'] = 'p',
        ['с'] = 'c', ['т'] = 't', ['у'] = 'y', ['х'] = 'x', ['і'] = 'i', ['ї'] = 'i', ['ј'] = 'j', ['ѕ'] = 's', ['ԁ'] = 'd',
        ['ӏ'] = 'l', ['ԛ'] = 'q', ['ԝ'] = 'w', ['ɡ'] = 'g', ['α'] = 'a', ['β'] = 'b', ['ε'] = 'e', ['ι'] = 'i', ['κ'] = 'k',
        ['ν'] = 'v', ['ο'] = 'o', ['ρ'] = 'p', ['τ'] = 't', ['υ'] = 'u', ['χ'] = 'x', ['η'] = 'n', ['μ'] = 'u', ['ζ'] = 'z',
        ['ı'] = 'i', ['ℓ'] = 'l',
    };

    /// <summary>Normalises and checks a pseudonym; throws a <see cref="DomainException"/> with a code the UI translates.</summary>
    public static string Normalize(string? value)
    {
        var cleaned = Text.Required(value, MaxLength * 2, "pseudonym");
        cleaned = WhitespaceRun().Replace(cleaned.Normalize(NormalizationForm.FormKC), " ");
        var length = new StringInfo(cleaned).LengthInTextElements;
        if (length < MinLength)
        {
            throw new DomainException("pseudonym.too-short", $"A pseudonym has at least {MinLength} characters.");
        }

        if (length > MaxLength)
        {
            throw new DomainException("pseudonym.too-long", $"A pseudonym has at most {MaxLength} characters.");
        }

        if (Text.HasForbiddenControlCharacters(cleaned))
        {
            throw new DomainException("pseudonym.control-characters", "A pseudonym cannot contain control characters.");
        }

        if (EmailLike().IsMatch(cleaned))
        {
            throw new DomainException("pseudonym.email", "A pseudonym cannot be an e-mail address.");
        }

        if (cleaned.Count(char.IsDigit) >= 6)
        {
            throw new DomainException("pseudonym.phone", "A pseudonym cannot contain a phone number.");
        }

        return cleaned;
    }

    /// <summary>
    /// The form two pseudonyms are compared in: lower case, accents removed, look-alike letters folded to Latin,
    /// whitespace removed. Two pseudonyms with the same skeleton clash within a group.
    /// </summary>
    public static string Skeleton(string pseudonym)
    {
        ArgumentNullException.ThrowIfNull(pseudonym);
        var decomposed = pseudonym.Normalize(NormalizationForm.FormKD).ToLowerInvariant();
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark
                || char.IsWhiteSpace(c) || c is '-' or '_' or '.')
            {
                continue;
            }

            builder.Append(Confusables.TryGetValue(c, out var latin) ? latin : c);
        }

        return builder.ToString();
    }

    [GeneratedRegex(@"\s+", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex WhitespaceRun();

    [GeneratedRegex(@"[^\s@]+@[^\s@]+\.[^\s@]+", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex EmailLike();
}
