namespace Lotgenoten.Web.Features.ReferralApi;

/// <summary>STUB (helper B): POST /api/referrals and GET /api/referrals/{id}.</summary>
public static class ReferralApiEndpoints
{
    public static IEndpointRouteBuilder MapReferralApi(this IEndpointRouteBuilder endpoints) => endpoints;
}
