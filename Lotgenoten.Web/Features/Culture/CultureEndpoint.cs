using Lotgenoten.Web.Features.Account;
using Lotgenoten.Web.Features.Security;
using Microsoft.AspNetCore.Localization;

namespace Lotgenoten.Web.Features.Culture;

/// <summary><c>GET /culture?culture=fr-BE&amp;returnUrl=/x</c>: remembers the language in a cookie and goes back.</summary>
public static class CultureEndpoint
{
    public const string Path = "/culture";

    public static IEndpointRouteBuilder MapCultureEndpoint(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Path, SetCulture).AllowAnonymous();
        return endpoints;
    }

    /// <summary>The language cookie: <c>.AspNetCore.Culture</c> in Development, <c>__Host-AspNetCore.Culture</c> elsewhere.</summary>
    public static string CookieName(IHostEnvironment environment) =>
        SecureCookies.Name(CookieRequestCultureProvider.DefaultCookieName, environment);

    internal static IResult SetCulture(HttpContext context, IHostEnvironment environment, TimeProvider time, string? culture, string? returnUrl)
    {
        if (SupportedCultures.IsSupported(culture))
        {
            context.Response.Cookies.Append(
                CookieName(environment),
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture!)),
                new CookieOptions
                {
                    Expires = time.GetUtcNow().AddYears(1),
                    HttpOnly = true,
                    IsEssential = true,
                    // Lax: a link from elsewhere opens in the chosen language; the cookie holds nothing secret.
                    SameSite = SameSiteMode.Lax,
                    Secure = SecureCookies.IsHostOnly(environment),
                    Path = "/",
                });
        }

        return Results.LocalRedirect(LocalUrl.OrDefault(returnUrl, "/"));
    }
}
