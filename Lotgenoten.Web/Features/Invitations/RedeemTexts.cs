namespace Lotgenoten.Web.Features.Invitations;

/// <summary>Texts of redeeming an invitation (the code, the account, the pseudonym); see RedeemTexts.resx.</summary>
public sealed class RedeemTexts;
