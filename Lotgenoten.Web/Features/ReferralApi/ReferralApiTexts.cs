namespace Lotgenoten.Web.Features.ReferralApi;

/// <summary>Texts of the referral API's problem details (titles, and messages about the JSON itself); see ReferralApiTexts.resx.</summary>
public sealed class ReferralApiTexts;
