using Lotgenoten.Infrastructure.Data;
using Lotgenoten.Infrastructure.Identity;
using Lotgenoten.Web.Features.DevSignIn;
using Lotgenoten.Web.Features.ReferralApi;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Identity.Web;

namespace Lotgenoten.Web.Features.Account;

/// <summary>Staff (Entra ID), participants (ASP.NET Core Identity), the policy scheme between them, and the policies.</summary>
public static class AuthenticationSetup
{
    public const string StaffSignInPath = "/account/signin";
    public const string ParticipantSignInPath = "/deelnemer/aanmelden";
    public const string AccessDeniedPath = "/geen-toegang";

    /// <summary>Where a staff sign-in that failed lands: the landing page, with a message.</summary>
    public const string SignInFailedPath = "/?aanmelden=mislukt";
    public const string ReturnUrlParameter = "returnUrl";

    public static IHostApplicationBuilder AddLotgenotenAuthentication(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var devSignIn = DevSignInOptions.IsEnabled(builder.Configuration, builder.Environment);
        var participantCookieName = AuthSchemes.ParticipantCookieNameIn(builder.Environment);

        var authentication = services.AddAuthentication(options =>
        {
            options.DefaultScheme = AuthSchemes.Default;
            options.DefaultChallengeScheme = AuthSchemes.Default;
        });

        authentication.AddPolicyScheme(AuthSchemes.Default, displayName: null, options =>
            options.ForwardDefaultSelector = context =>
                context.Request.Cookies.ContainsKey(participantCookieName)
                    ? AuthSchemes.ParticipantCookie
                    : AuthSchemes.StaffCookie);

        authentication.AddMicrosoftIdentityWebApp(
            identity =>
            {
                builder.Configuration.Bind("AzureAd", identity);
                identity.MapInboundClaims = false;
                identity.TokenValidationParameters.NameClaimType = AuthSchemes.StaffClaims.Name;
                identity.TokenValidationParameters.RoleClaimType = AuthSchemes.StaffClaims.Role;
            },
            cookie =>
            {
                // Development has no Entra ID: the challenge goes to the development sign-in instead.
                ConfigureCookie(cookie, AuthSchemes.StaffCookieNameIn(builder.Environment), devSignIn ? DevSignInOptions.Path : StaffSignInPath, builder.Environment);
                cookie.ExpireTimeSpan = TimeSpan.FromHours(8);

                // A signed-in participant who reaches a staff page is refused (403), not sent to the staff sign-in.
                var redirectToLogin = cookie.Events.OnRedirectToLogin;
                cookie.Events.OnRedirectToLogin = async context =>
                {
                    if (context.Request.Cookies.ContainsKey(participantCookieName)
                        && (await context.HttpContext.AuthenticateAsync(AuthSchemes.ParticipantCookie)).Succeeded)
                    {
                        context.Response.StatusCode = StatusCodes.Status403Forbidden;
                        return;
                    }

                    await redirectToLogin(context);
                };
            },
            AuthSchemes.StaffOpenIdConnect,
            AuthSchemes.StaffCookie);

        // Once more after Microsoft.Identity.Web's own configuration, so that its defaults cannot win: Entra's claims
        // stay as sent ("oid", "name", "roles"), which is also the shape the development sign-in gives staff.
        services.PostConfigure<OpenIdConnectOptions>(AuthSchemes.StaffOpenIdConnect, oidc =>
        {
            oidc.MapInboundClaims = false;
            oidc.TokenValidationParameters.NameClaimType = AuthSchemes.StaffClaims.Name;
            oidc.TokenValidationParameters.RoleClaimType = AuthSchemes.StaffClaims.Role;

            // A sign-in that fails at the provider or on the way back (cancelled, expired, replayed in another browser)
            // ends on the neutral landing page with a calm message, never a 500. The reason is logged, not the details.
            oidc.Events.OnRemoteFailure = context =>
            {
                var logger = context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(AuthenticationSetup));
                StaffSignInLog.Failed(logger, context.Failure?.GetType().Name ?? "unknown");
                context.Response.Redirect(SignInFailedPath);
                context.HandleResponse();
                return Task.CompletedTask;
            };

            // Keep the portal's record of staff (object id, display name) current, so coordinators can assign facilitators.
            var tokenValidated = oidc.Events.OnTokenValidated;
            oidc.Events.OnTokenValidated = async context =>
            {
                await tokenValidated(context);
                if (context.Principal is { } principal)
                {
                    await context.HttpContext.RequestServices.GetRequiredService<Staff.StaffDirectory>()
                        .RecordSignInAsync(principal, context.HttpContext.RequestAborted);
                }
            };
        });

        authentication.AddIdentityCookies(cookies => cookies.ApplicationCookie?.Configure(cookie =>
        {
            ConfigureCookie(cookie, participantCookieName, ParticipantSignInPath, builder.Environment);
            // Signed out after Participant:IdleTimeout without a request (sliding); the page's idle timer does the same
            // in the browser (MyAccount/IdleSignOut), where an open circuit makes no requests.
            cookie.ExpireTimeSpan = MyAccount.ParticipantSessionOptions.Read(builder.Configuration);
        }));

        // API clients: a key from configuration or an Entra access token; never a cookie (see ReferralApiSetup).
        builder.AddReferralApiAuthentication(authentication);

        services.AddIdentityCore<ParticipantUser>(options =>
            {
                // Passphrases: long beats complicated. No e-mail, no confirmation.
                options.Password.RequiredLength = 12;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequiredUniqueChars = 4;
                options.User.RequireUniqueEmail = false;
                options.SignIn.RequireConfirmedAccount = false;
                options.SignIn.RequireConfirmedEmail = false;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
            })
            .AddEntityFrameworkStores<LotgenotenDbContext>()
            .AddSignInManager()
            .AddClaimsPrincipalFactory<ParticipantClaimsPrincipalFactory>();

        services.AddScoped<AuthenticationStateProvider, RevalidatingAuthenticationStateProvider>();

        Policies.Configure(services.AddAuthorizationBuilder());

        return builder;
    }

    private static void ConfigureCookie(CookieAuthenticationOptions cookie, string name, string loginPath, IHostEnvironment environment)
    {
        cookie.Cookie.Name = name;
        cookie.Cookie.HttpOnly = true;

        // Lax, not Strict: the staff cookie is set at the end of Entra's cross-site form_post, and a Strict cookie would
        // not go with the redirect that follows it, nor with a link to the portal opened from a mail or a calendar. Lax
        // still keeps it off cross-site POSTs, frames and fetches (forms also need the antiforgery token).
        cookie.Cookie.SameSite = SameSiteMode.Lax;
        cookie.Cookie.SecurePolicy = Security.SecureCookies.SecurePolicy(environment);
        cookie.Cookie.Path = "/";
        cookie.LoginPath = loginPath;
        cookie.AccessDeniedPath = AccessDeniedPath;
        cookie.ReturnUrlParameter = ReturnUrlParameter;
        cookie.SlidingExpiration = true;
    }
}

/// <summary>Log messages of the staff sign-in: the kind of failure only, never tokens, names or addresses.</summary>
internal static partial class StaffSignInLog
{
    [LoggerMessage(EventId = 1010, Level = LogLevel.Warning, Message = "Staff sign-in failed ({FailureType}); sent to the landing page")]
    public static partial void Failed(ILogger logger, string failureType);
}
