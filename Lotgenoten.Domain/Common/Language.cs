namespace Lotgenoten.Domain.Common;

/// <summary>A language the helpline works in. The API and the database use the ISO 639-1 code.</summary>
public enum Language
{
    Nl,
    Fr,
    En,
}

public static class LanguageCodes
{
    public static string ToCode(this Language language) => language switch
    {
        Language.Nl => "nl",
        Language.Fr => "fr",
        Language.En => "en",
        _ => throw new ArgumentOutOfRangeException(nameof(language)),
    };

    public static bool TryParse(string? code, out Language language)
    {
        switch (code?.Trim().ToUpperInvariant())
        {
            case "NL": language = Language.Nl; return true;
            case "FR": language = Language.Fr; return true;
            case "EN": language = Language.En; return true;
            default: language = default; return false;
        }
    }
}
