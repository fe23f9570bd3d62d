namespace Lotgenoten.Web.Features.Placement;

/// <summary>STUB (helper D): groups that fit a referral, and referrals that fit a group.</summary>
public sealed class MatchingService;
