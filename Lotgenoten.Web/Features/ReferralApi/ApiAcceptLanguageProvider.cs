using Lotgenoten.Web.Features.Culture;
using Microsoft.AspNetCore.Localization;
using Microsoft.Net.Http.Headers;

namespace Lotgenoten.Web.Features.ReferralApi;

/// <summary>
/// For <c>/api</c> requests only: the language comes from <c>Accept-Language</c> (<c>fr</c>, <c>fr-FR</c>… → fr-BE;
/// <c>nl</c>… → nl-BE; <c>en</c>… → en), else Dutch; the culture cookie is not looked at there. Pages keep choosing
/// their language by the cookie alone (this provider answers nothing for them).
/// </summary>
public sealed class ApiAcceptLanguageProvider : RequestCultureProvider
{
    public const string PathPrefix = "/api";

    public override Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (!httpContext.Request.Path.StartsWithSegments(PathPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return NullProviderCultureResult;
        }

        return Task.FromResult<ProviderCultureResult?>(new ProviderCultureResult(Choose(httpContext.Request.Headers.AcceptLanguage)));
    }

    /// <summary>The supported culture of the best-rated language of the header, or Dutch.</summary>
    internal static string Choose(Microsoft.Extensions.Primitives.StringValues acceptLanguage)
    {
        if (acceptLanguage.Count == 0 || !StringWithQualityHeaderValue.TryParseList(acceptLanguage, out var languages))
        {
            return SupportedCultures.Default;
        }

        foreach (var language in languages.Where(l => (l.Quality ?? 1) > 0).OrderByDescending(l => l.Quality ?? 1))
        {
            var primary = language.Value.Value?.Split('-')[0];
            var culture = SupportedCultures.Names.FirstOrDefault(n =>
                string.Equals(n.Split('-')[0], primary, StringComparison.OrdinalIgnoreCase));
            if (culture is not null)
            {
                return culture;
            }
        }

        return SupportedCultures.Default;
    }
}
