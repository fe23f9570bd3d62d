using Lotgenoten.Infrastructure.Identity;
using Lotgenoten.Web.Features.DevSignIn;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Lotgenoten.Web.Features.Account;

/// <summary>
/// Hand-written sign-in and sign-out (Microsoft.Identity.Web.UI is not available):
/// <c>GET /account/signin?returnUrl=</c> starts the Entra ID sign-in; <c>POST /account/signout</c> (antiforgery) ends
/// whichever session the browser has.
/// </summary>
public static class AccountEndpoints
{
    public const string SignOutPath = "/account/signout";

    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(AuthenticationSetup.StaffSignInPath, SignIn).AllowAnonymous();
        endpoints.MapPost(SignOutPath, SignOutAsync).AllowAnonymous().DisableAntiforgery();
        return endpoints;
    }

    internal static IResult SignIn(string? returnUrl, IOptions<DevSignInOptions> devSignIn)
    {
        var target = LocalUrl.OrDefault(returnUrl, "/");

        // Entra ID cannot be reached where the development sign-in is on: go there instead of failing.
        if (devSignIn.Value.Enabled)
        {
            return Results.LocalRedirect(
                $"{DevSignInOptions.Path}?{AuthenticationSetup.ReturnUrlParameter}={Uri.EscapeDataString(target)}");
        }

        return Results.Challenge(new AuthenticationProperties { RedirectUri = target }, [AuthSchemes.StaffOpenIdConnect]);
    }

    internal static async Task<IResult> SignOutAsync(
        HttpContext context, IAntiforgery antiforgery, SignInManager<ParticipantUser> signInManager)
    {
        // Validated here rather than by the middleware so that a missing token is a plain 400, never a sign-out.
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return Results.BadRequest();
        }

        if (context.Request.Cookies.ContainsKey(AuthSchemes.ParticipantCookieNameIn(context.RequestServices.GetRequiredService<IHostEnvironment>())))
        {
            await signInManager.SignOutAsync();
        }

        var staff = await context.AuthenticateAsync(AuthSchemes.StaffCookie);
        if (staff.Succeeded && staff.Principal.Identity?.AuthenticationType != AuthSchemes.DevelopmentAuthenticationType)
        {
            // Signed in through Entra ID: end that session too, then come back to the landing page.
            return Results.SignOut(
                new AuthenticationProperties { RedirectUri = "/" },
                [AuthSchemes.StaffCookie, AuthSchemes.StaffOpenIdConnect]);
        }

        await context.SignOutAsync(AuthSchemes.StaffCookie);
        return Results.LocalRedirect("/");
    }
}
