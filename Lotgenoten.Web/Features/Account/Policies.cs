using Lotgenoten.Infrastructure.Demo;
using Microsoft.AspNetCore.Authorization;

namespace Lotgenoten.Web.Features.Account;

/// <summary>
/// Authorization policies. Everything requires a signed-in user unless it says <c>[AllowAnonymous]</c>.
/// Staff policies authenticate with the staff cookie and the participant policy with the participant cookie, so that an
/// anonymous visitor is sent to the right sign-in page.
/// </summary>
public static class Policies
{
    public const string Staff = nameof(Staff);
    public const string Coordinator = AppRoles.Coordinator;
    public const string Facilitator = AppRoles.Facilitator;
    public const string Counsellor = AppRoles.Counsellor;
    public const string Participant = AppRoles.Participant;

    /// <summary>API clients (key or Entra token, never a cookie) that may submit referrals and read their status.</summary>
    public const string ApiReferralsSubmit = "Api.Referrals.Submit";

    /// <summary>API clients (key or Entra token, never a cookie) that may read the figures.</summary>
    public const string ApiReportsRead = "Api.Reports.Read";

    public static void Configure(AuthorizationBuilder authorization)
    {
        ArgumentNullException.ThrowIfNull(authorization);

        authorization
            .SetFallbackPolicy(new AuthorizationPolicyBuilder(AuthSchemes.Default).RequireAuthenticatedUser().Build())
            .AddPolicy(Staff, p => StaffPolicy(p, [.. AppRoles.Staff]))
            .AddPolicy(Coordinator, p => StaffPolicy(p, AppRoles.Coordinator))
            .AddPolicy(Facilitator, p => StaffPolicy(p, AppRoles.Facilitator))
            .AddPolicy(Counsellor, p => StaffPolicy(p, AppRoles.Counsellor))
            .AddPolicy(Participant, p => p
                .AddAuthenticationSchemes(AuthSchemes.ParticipantCookie)
                .RequireAuthenticatedUser()
                .RequireRole(AppRoles.Participant))
            .AddPolicy(ApiReferralsSubmit, p => ReferralApi.ApiClient.Policy(p, ReferralApi.ApiScopes.ReferralsSubmit))
            .AddPolicy(ApiReportsRead, p => ReferralApi.ApiClient.Policy(p, ReferralApi.ApiScopes.ReportsRead));
    }

    private static void StaffPolicy(AuthorizationPolicyBuilder policy, params string[] roles) =>
        policy.AddAuthenticationSchemes(AuthSchemes.StaffCookie)
            .RequireAuthenticatedUser()
            .RequireRole(roles);
}
