using System.Security.Claims;
using Lotgenoten.Web.Features.Account;
using Microsoft.AspNetCore.Authorization;

namespace Lotgenoten.Web.Features.ReferralApi;

/// <summary>The scopes an API client can hold: app roles of the Entra app registration, or scopes of a configured key.</summary>
public static class ApiScopes
{
    public const string ReferralsSubmit = "Referrals.Submit";
    public const string ReportsRead = "Reports.Read";

    public static IReadOnlyList<string> All { get; } = [ReferralsSubmit, ReportsRead];
}

/// <summary>
/// Who an API caller is: its client name (a configured key's name, or the Entra application id from <c>azp</c> or
/// <c>appid</c>) and its scopes (one <c>roles</c> claim each, for both kinds of credential).
/// </summary>
public static class ApiClient
{
    /// <summary>The claim carrying the name of a configured API key's client.</summary>
    public const string NameClaim = "lotgenoten_client";

    /// <summary>The app role claim, as Entra sends it (inbound claim mapping is off).</summary>
    public const string RoleClaim = AuthSchemes.StaffClaims.Role;

    /// <summary>Longest client name: the actor <c>api:&lt;name&gt;</c> must fit the referral's actor column.</summary>
    public const int NameMaxLength = 60;

    public const string ActorPrefix = "api:";

    /// <summary>
    /// The policy of an API scope: only the two API schemes authenticate (a staff or participant cookie is never looked at,
    /// so there is no CSRF surface), exactly one credential, a client name, and the scope.
    /// </summary>
    public static void Policy(AuthorizationPolicyBuilder policy, string scope)
    {
        ArgumentNullException.ThrowIfNull(policy);
        policy.AddAuthenticationSchemes(AuthSchemes.ApiKey, AuthSchemes.ApiBearer)
            .RequireAuthenticatedUser()
            .RequireAssertion(context => HasScope(context.User, scope));
    }

    /// <summary>Whether <paramref name="user"/> is one identified API client holding <paramref name="scope"/>.</summary>
    public static bool HasScope(ClaimsPrincipal user, string scope)
    {
        ArgumentNullException.ThrowIfNull(user);
        return NameOf(user) is not null
            && user.Claims.Any(c => (c.Type == RoleClaim || c.Type == ClaimTypes.Role) && string.Equals(c.Value, scope, StringComparison.Ordinal));
    }

    /// <summary>
    /// The client's name, or null when the caller is not exactly one API client (no credential, two credentials, or a
    /// token without an application id).
    /// </summary>
    public static string? NameOf(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var authenticated = user.Identities.Where(i => i.IsAuthenticated).ToList();
        if (authenticated is not [{ AuthenticationType: AuthSchemes.ApiKey or AuthSchemes.ApiBearer } identity])
        {
            return null;
        }

        var name = identity.AuthenticationType == AuthSchemes.ApiKey
            ? identity.FindFirst(NameClaim)?.Value
            : identity.FindFirst("azp")?.Value ?? identity.FindFirst("appid")?.Value;
        return IsValidName(name) ? name : null;
    }

    /// <summary>The actor recorded on what the client creates: <c>api:&lt;client name&gt;</c>.</summary>
    public static string ActorOf(string clientName) => ActorPrefix + clientName;

    /// <summary>1–60 characters of letters, digits, <c>.</c>, <c>_</c> and <c>-</c> (an Entra application id fits).</summary>
    public static bool IsValidName(string? name) =>
        !string.IsNullOrEmpty(name)
        && name.Length <= NameMaxLength
        && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');
}
