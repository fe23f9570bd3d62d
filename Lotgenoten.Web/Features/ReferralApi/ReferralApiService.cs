namespace Lotgenoten.Web.Features.ReferralApi;

/// <summary>STUB (helper B): the referral API's registration (with idempotency) and status lookups.</summary>
public sealed class ReferralApiService;
