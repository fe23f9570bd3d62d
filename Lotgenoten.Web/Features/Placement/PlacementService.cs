namespace Lotgenoten.Web.Features.Placement;

/// <summary>STUB (helper D): placing a referral in a group, and its invitation (create, re-issue, expire).</summary>
public sealed class PlacementService;
