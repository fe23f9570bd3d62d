using Lotgenoten.Domain.Common;
using Lotgenoten.Domain.Groups;
using Lotgenoten.Domain.Invitations;
using Lotgenoten.Domain.Referrals;

namespace Lotgenoten.Web.Features.Placement;

/// <summary>Texts of matching and placement (panels and dialog); see PlacementTexts.resx.</summary>
public sealed class PlacementTexts;

/// <summary>Texts of the invitation e-mail, in the recipient's language; see InvitationMailTexts.resx. Neutral: no organisation, no subject matter.</summary>
public sealed class InvitationMailTexts;

/// <summary>A group as matching shows it for one referral: where it stands, when it meets, and why it fits (or not).</summary>
public sealed record GroupCandidate(
    Guid GroupId,
    string Name,
    GroupStatus Status,
    GroupAudience Audience,
    Language Language,
    GroupFormat Format,
    Region? Region,
    int FreePlaces,
    int MaximumSize,
    string? SlotText,
    DateTime? NextMeetingLocal,
    bool Fits,
    int Score,
    IReadOnlyList<MatchReason> Reasons);

/// <summary>The groups for a referral: those that fit, best first, and the near misses (one rule away) with why.</summary>
public sealed record GroupMatches(
    Guid ReferralId,
    string Reference,
    ReferralStatus Status,
    int Version,
    bool HasEmail,
    IReadOnlyList<GroupCandidate> Fitting,
    IReadOnlyList<GroupCandidate> NearMisses)
{
    /// <summary>Only a waiting referral can be placed.</summary>
    public bool CanPlace => Status == ReferralStatus.Waiting;
}

/// <summary>A waiting referral that fits a group, as the group's page shows it (no remark, no address).</summary>
public sealed record ReferralCandidate(
    Guid ReferralId,
    string Reference,
    int Version,
    DateOnly ReceivedOn,
    int DaysWaiting,
    Relation Relation,
    Concern Concern,
    Region Region,
    FormatPreference Format,
    WeeklyAvailability Availability,
    bool HasEmail,
    int Score,
    IReadOnlyList<MatchReason> Reasons);

/// <summary>
/// The waiting referrals that fit a group, best first (then the longest wait), at most
/// <see cref="MatchingService.MaxReferralCandidates"/> of the <see cref="Total"/> that fit; <see cref="FreePlaces"/> left in it.
/// </summary>
public sealed record ReferralMatches(Guid GroupId, string GroupName, GroupStatus Status, int FreePlaces, IReadOnlyList<ReferralCandidate> Candidates, int Total);

/// <summary>
/// What a placement or a re-issue did. On success <see cref="Code"/> (<c>XXXX-XXXX</c>) and <see cref="Link"/> are
/// returned this once and never stored; on failure a message in the user's language, <see cref="Conflict"/> when someone
/// else was first (reload and try again).
/// </summary>
public sealed record PlacementResult(
    bool Succeeded,
    string? Code,
    string? Link,
    DateTimeOffset? ExpiresAt,
    InvitationDelivery? Delivery,
    string? Error,
    bool Conflict)
{
    public static PlacementResult Ok(string code, string link, DateTimeOffset expiresAt, InvitationDelivery delivery) =>
        new(true, code, link, expiresAt, delivery, null, false);

    public static PlacementResult Failed(string error) => new(false, null, null, null, null, error, false);

    public static PlacementResult Conflicted(string error) => new(false, null, null, null, null, error, true);
}

/// <summary>A change without a secret to show: succeeded, or a message (a conflict when someone else was first).</summary>
public sealed record PlacementChange(bool Succeeded, string? Error, bool Conflict)
{
    public static PlacementChange Ok() => new(true, null, false);

    public static PlacementChange Failed(string error) => new(false, error, false);

    public static PlacementChange Conflicted(string error) => new(false, error, true);
}

/// <summary>One invitation of a referral, never with its code.</summary>
public sealed record InvitationView(
    Guid Id,
    Guid GroupId,
    string GroupName,
    InvitationState State,
    InvitationDelivery Delivery,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt,
    DateTimeOffset? RedeemedAt,
    DateTimeOffset? RevokedAt);

/// <summary>
/// A referral's invitations, newest first, and what can be done: re-issue (the placement is still only invited) and
/// return to the waiting list (its invitation is open or expired, not used).
/// </summary>
public sealed record InvitationHistory(
    Guid ReferralId,
    string Reference,
    ReferralStatus Status,
    int Version,
    bool HasEmail,
    string? CurrentGroupName,
    IReadOnlyList<InvitationView> Invitations,
    bool CanReissue,
    bool CanReturnToWaitingList);
