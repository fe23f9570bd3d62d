using System.ComponentModel.DataAnnotations;

namespace Lotgenoten.Web.Features.Referrals;

/// <summary>Settings of intake and placement (section <c>Referrals</c>).</summary>
public sealed class ReferralOptions
{
    public const string Section = "Referrals";

    /// <summary>The version of the privacy notice the relative agrees to now; stored with each referral's consent.</summary>
    [Required]
    [StringLength(Domain.Referrals.Referral.NoticeVersionMaxLength, MinimumLength = 1)]
    public string PrivacyNoticeVersion { get; set; } = "2026-01";

    /// <summary>From this many days on the waiting list a referral shows a warning.</summary>
    [Range(1, 3650)]
    public int WaitingWarningDays { get; set; } = 60;

    /// <summary>How long an invitation can be redeemed.</summary>
    [Range(1, 90)]
    public int InvitationValidityDays { get; set; } = 14;
}
