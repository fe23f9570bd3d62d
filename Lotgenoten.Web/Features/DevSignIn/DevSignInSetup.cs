using System.Security.Claims;
using Lotgenoten.Infrastructure.Demo;
using Lotgenoten.Infrastructure.Identity;
using Lotgenoten.Web.Features.Account;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Lotgenoten.Web.Features.DevSignIn;

/// <summary>
/// The development sign-in: <c>GET /dev/signin?user=coordinator[&amp;returnUrl=/x]</c> signs in as a demo user at once.
/// Staff get the same cookie and claims as an Entra ID sign-in; the participant signs in through Identity.
/// </summary>
public static class DevSignInSetup
{
    /// <summary>Refuses to start when the development sign-in is switched on outside Development.</summary>
    public static IHostApplicationBuilder AddDevSignIn(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var enabled = DevSignInOptions.IsEnabled(builder.Configuration, builder.Environment);
        if (enabled && !builder.Environment.IsDevelopment())
        {
            throw new InvalidOperationException(
                $"{DevSignInOptions.Section}:Enabled is true in the '{builder.Environment.EnvironmentName}' environment. " +
                "The development sign-in lets anyone act as any user; it may only be switched on in Development.");
        }

        builder.Services.Configure<DevSignInOptions>(options => options.Enabled = enabled);
        return builder;
    }

    /// <summary>Handles <c>?user=</c> on <c>/dev/signin</c>; when switched off, everything under <c>/dev</c> is 404.</summary>
    public static IApplicationBuilder UseDevSignIn(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var enabled = app.ApplicationServices.GetRequiredService<IOptions<DevSignInOptions>>().Value.Enabled;

        return app.Use(async (context, next) =>
        {
            if (!context.Request.Path.StartsWithSegments("/dev", StringComparison.OrdinalIgnoreCase))
            {
                await next(context);
                return;
            }

            if (!enabled)
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }

            if (context.Request.Path.Equals(DevSignInOptions.Path, StringComparison.OrdinalIgnoreCase)
                && HttpMethods.IsGet(context.Request.Method)
                && !string.IsNullOrEmpty(context.Request.Query["user"]))
            {
                await SignInAsync(context, context.Request.Query["user"], context.Request.Query[AuthenticationSetup.ReturnUrlParameter]);
                return;
            }

            await next(context);
        });
    }

    /// <summary>Where a user lands after signing in when no (local) return URL was given.</summary>
    public static string HomeOf(DemoUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.IsParticipant ? "/mijn" : "/";
    }

    private static async Task SignInAsync(HttpContext context, string? key, string? returnUrl)
    {
        var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DevSignInSetup));
        var demoUser = DemoUsers.Find(key);
        if (demoUser is null)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        // One session at a time: leave the other kind of session first.
        await context.SignOutAsync(AuthSchemes.StaffCookie);
        await context.SignOutAsync(AuthSchemes.ParticipantCookie);

        if (demoUser.IsParticipant)
        {
            var userManager = context.RequestServices.GetRequiredService<UserManager<ParticipantUser>>();
            var account = await userManager.FindByNameAsync(DemoUsers.ParticipantUserName);
            if (account is null)
            {
                DevSignInLog.DemoParticipantMissing(logger);
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }

            var signInManager = context.RequestServices.GetRequiredService<SignInManager<ParticipantUser>>();
            await signInManager.SignInAsync(account, isPersistent: false);
        }
        else
        {
            var principal = StaffPrincipal(demoUser);
            await context.RequestServices.GetRequiredService<Staff.StaffDirectory>().RecordSignInAsync(principal, context.RequestAborted);
            await context.SignInAsync(AuthSchemes.StaffCookie, principal);
        }

        DevSignInLog.SignedIn(logger, demoUser.Key);
        context.Response.Redirect(LocalUrl.OrDefault(returnUrl, HomeOf(demoUser)));
    }

    /// <summary>The shape of an Entra ID sign-in: <c>oid</c>, <c>name</c> and one <c>roles</c> claim per app role.</summary>
    internal static ClaimsPrincipal StaffPrincipal(DemoUser user)
    {
        List<Claim> claims =
        [
            new(AuthSchemes.StaffClaims.ObjectId, user.ObjectId),
            new(AuthSchemes.StaffClaims.Name, user.DisplayName),
            .. user.Roles.Select(role => new Claim(AuthSchemes.StaffClaims.Role, role)),
        ];
        var identity = new ClaimsIdentity(
            claims, AuthSchemes.DevelopmentAuthenticationType, AuthSchemes.StaffClaims.Name, AuthSchemes.StaffClaims.Role);
        return new ClaimsPrincipal(identity);
    }
}
