namespace Lotgenoten.Web.Features.Referrals;

/// <summary>STUB (helper C): one referral's page: details, history and the coordinator's actions.</summary>
public sealed class ReferralCaseService;
