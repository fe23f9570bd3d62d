using Lotgenoten.Domain.Referrals;

namespace Lotgenoten.Web.Features.Referrals;

/// <summary>
/// One referral in "Mijn doorverwijzingen": status and dates only — never the remark, the e-mail address or a group.
/// <see cref="Reference"/> is the short reference staff can say on the phone (see <see cref="ReferralReference"/>).
/// </summary>
public sealed record MyReferralRow(
    Guid Id,
    string Reference,
    DateOnly ReceivedOn,
    DateTimeOffset RegisteredAt,
    ReferralStatus Status,
    DateTimeOffset StatusChangedAt);

/// <summary>How many of the user's own referrals are in one status.</summary>
public sealed record ReferralStatusCount(ReferralStatus Status, int Count);

/// <summary>
/// One page of the referrals the user registered (newest first), how many match in all, and the counts per status of
/// all of them (in lifecycle order, statuses with none left out).
/// </summary>
public sealed record MyReferralsView(
    IReadOnlyList<MyReferralRow> Rows,
    int Total,
    IReadOnlyList<ReferralStatusCount> Counts,
    bool IsCoordinator)
{
    public const int MaxPageSize = 50;

    /// <summary>All the user's referrals, whatever the status filter.</summary>
    public int All => Counts.Sum(c => c.Count);
}
