namespace Lotgenoten.Web.Features.Referrals;

/// <summary>STUB (helper A): the referral form and the counsellor's own list.</summary>
public sealed class ReferralService;
