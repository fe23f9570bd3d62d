using Lotgenoten.Web.Features.Account;
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

    internal static IResult SetCulture(HttpContext context, IHostEnvironment environment, TimeProvider time, string? culture, string? returnUrl)
    {
        if (SupportedCultures.IsSupported(culture))
        {
            context.Response.Cookies.Append(
                CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture!)),
                new CookieOptions
                {
                    Expires = time.GetUtcNow().AddYears(1),
                    HttpOnly = true,
                    IsEssential = true,
                    SameSite = SameSiteMode.Lax,
                    Secure = !environment.IsDevelopment(),
                });
        }

        return Results.LocalRedirect(LocalUrl.OrDefault(returnUrl, "/"));
    }
}
