namespace Lotgenoten.Web.Features.Referrals;

/// <summary>STUB (helper C): the coordinators' waiting list.</summary>
public sealed class WaitingListService;
