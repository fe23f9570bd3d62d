using System.Globalization;
using System.Text;

namespace Lotgenoten.Domain.Common;

/// <summary>Rules for text that people type, shared by entities and validators.</summary>
public static class Text
{
    /// <summary>True when the text holds a control character other than line breaks and tabs (NUL included).</summary>
    public static bool HasForbiddenControlCharacters(string? value, bool allowLineBreaks = false)
    {
        if (value is null)
        {
            return false;
        }

        foreach (var c in value)
        {
            if (allowLineBreaks && (c == '\n' || c == '\r' || c == '\t'))
            {
                continue;
            }

            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category is UnicodeCategory.Control or UnicodeCategory.Format && c != '\u200D')
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Trims, normalises to NFC and checks the length and characters of a text field. Empty becomes null.</summary>
    public static string? Clean(string? value, int maxLength, string field, bool allowLineBreaks = false)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var cleaned = value.Trim().Normalize(NormalizationForm.FormC);
        if (cleaned.Length > maxLength)
        {
            throw new DomainException($"{field}.too-long", $"{field} is longer than {maxLength} characters.");
        }

        if (HasForbiddenControlCharacters(cleaned, allowLineBreaks))
        {
            throw new DomainException($"{field}.control-characters", $"{field} contains control characters.");
        }

        return cleaned;
    }

    /// <summary>As <see cref="Clean"/>, but the field is required.</summary>
    public static string Required(string? value, int maxLength, string field, bool allowLineBreaks = false) =>
        Clean(value, maxLength, field, allowLineBreaks)
        ?? throw new DomainException($"{field}.required", $"{field} is required.");
}
