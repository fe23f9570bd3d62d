using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;

namespace Lotgenoten.Web.Features.Account;

/// <summary>
/// The authentication schemes. Staff sign in with Entra ID (OpenID Connect) into <see cref="StaffCookie"/>;
/// participants sign in with ASP.NET Core Identity into <see cref="ParticipantCookie"/>. <see cref="Default"/> is a
/// policy scheme that forwards to whichever of the two cookies the request carries.
/// </summary>
public static class AuthSchemes
{
    public const string Default = "Lotgenoten";
    public const string StaffCookie = CookieAuthenticationDefaults.AuthenticationScheme;
    public const string StaffOpenIdConnect = OpenIdConnectDefaults.AuthenticationScheme;
    public static readonly string ParticipantCookie = IdentityConstants.ApplicationScheme;

    /// <summary>The authentication type of staff identities made by the development sign-in (no Entra session).</summary>
    public const string DevelopmentAuthenticationType = "DevSignIn";

    /// <summary>API clients with a key from configuration (header <c>X-Api-Key</c>); see ReferralApi/ApiKeyAuthenticationHandler.</summary>
    public const string ApiKey = "ApiKey";

    /// <summary>API clients with an Entra ID access token (client credentials, app roles); Microsoft.Identity.Web JWT bearer.</summary>
    public const string ApiBearer = "ApiBearer";

    /// <summary>The staff cookie's name in Development; <c>__Host-Lotgenoten.Staff</c> elsewhere (<see cref="StaffCookieNameIn"/>).</summary>
    public const string StaffCookieName = ".Lotgenoten.Staff";

    /// <summary>The participant cookie's name in Development; <c>__Host-Lotgenoten.Account</c> elsewhere (<see cref="ParticipantCookieNameIn"/>).</summary>
    public const string ParticipantCookieName = ".Lotgenoten.Account";

    /// <summary>The staff cookie's name in <paramref name="environment"/> (see Security/SecureCookies).</summary>
    public static string StaffCookieNameIn(IHostEnvironment environment) =>
        Security.SecureCookies.Name(StaffCookieName, environment);

    /// <summary>The participant cookie's name in <paramref name="environment"/> (see Security/SecureCookies).</summary>
    public static string ParticipantCookieNameIn(IHostEnvironment environment) =>
        Security.SecureCookies.Name(ParticipantCookieName, environment);

    /// <summary>Claim types of staff identities, as Entra sends them (inbound claim mapping is off).</summary>
    public static class StaffClaims
    {
        public const string ObjectId = "oid";
        public const string Name = "name";
        public const string Role = "roles";
    }
}
