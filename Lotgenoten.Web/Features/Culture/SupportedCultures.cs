using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace Lotgenoten.Web.Features.Culture;

/// <summary>The UI languages: Dutch (Belgium) by default, French (Belgium) and English.</summary>
public static class SupportedCultures
{
    public const string Default = "nl-BE";

    /// <summary>The culture names, in the order the language switch shows them.</summary>
    public static readonly IReadOnlyList<string> Names = [Default, "fr-BE", "en"];

    /// <summary>Whether <paramref name="name"/> is one of <see cref="Names"/> (exact, case-insensitive).</summary>
    public static bool IsSupported(string? name) =>
        name is not null && Names.Contains(name, StringComparer.OrdinalIgnoreCase);

    /// <summary>Only the culture cookie chooses the language; without it the portal speaks Dutch.</summary>
    public static void Configure(RequestLocalizationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var cultures = Names.Select(n => new CultureInfo(n)).ToList();
        options.DefaultRequestCulture = new RequestCulture(Default);
        options.SupportedCultures = cultures;
        options.SupportedUICultures = cultures;
        options.RequestCultureProviders = [new CookieRequestCultureProvider()];
    }

    /// <summary>Reads the language from the cookie named <paramref name="cookieName"/> (see <c>CultureEndpoint.CookieName</c>).</summary>
    public static void UseCookieName(RequestLocalizationOptions options, string cookieName)
    {
        ArgumentNullException.ThrowIfNull(options);
        foreach (var provider in options.RequestCultureProviders.OfType<CookieRequestCultureProvider>())
        {
            provider.CookieName = cookieName;
        }
    }
}
