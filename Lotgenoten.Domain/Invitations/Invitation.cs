using Lotgenoten.Domain.Common;

namespace Lotgenoten.Domain.Invitations;

/// <summary>How an invitation reaches the relative.</summary>
public enum InvitationDelivery
{
    /// <summary>E-mailed through the outbox, in neutral wording.</summary>
    Email,

    /// <summary>Shown once to the coordinator, who hands the code over by phone or chat.</summary>
    Handover,
}

/// <summary>
/// A single-use invitation that lets a placed relative create their pseudonymous account. It has two secrets: a short
/// code a person can type (see <see cref="InvitationCode"/>), and a long link token (≥ 128 bits) for the link in the
/// e-mail. Only keyed hashes of both are stored; the secrets exist only in the e-mail or in the coordinator's hands.
/// </summary>
public sealed class Invitation
{
    public const int CodeHashMaxLength = 64;
    public const int ActorMaxLength = 64;
    public static readonly TimeSpan DefaultValidity = TimeSpan.FromDays(14);

    private Invitation()
    {
        CodeHash = string.Empty;
        LinkTokenHash = string.Empty;
        CreatedBy = string.Empty;
    }

    public Guid Id { get; private set; }

    public Guid ReferralId { get; private set; }

    public Guid GroupId { get; private set; }

    public Guid MembershipId { get; private set; }

    /// <summary>Keyed hash of the normalised short code (<see cref="InvitationCode.Normalize"/>).</summary>
    public string CodeHash { get; private set; }

    /// <summary>Keyed hash of the link token.</summary>
    public string LinkTokenHash { get; private set; }

    public InvitationDelivery Delivery { get; private set; }

    /// <summary>The actor id of the coordinator who placed (or re-issued); never a name.</summary>
    public string CreatedBy { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset ExpiresAt { get; private set; }

    public DateTimeOffset? RedeemedAt { get; private set; }

    public DateTimeOffset? RevokedAt { get; private set; }

    public int Version { get; private set; }

    public static Invitation Create(
        Guid referralId,
        Guid groupId,
        Guid membershipId,
        string codeHash,
        string linkTokenHash,
        InvitationDelivery delivery,
        string createdBy,
        DateTimeOffset now,
        TimeSpan? validity = null)
    {
        var lifetime = validity ?? DefaultValidity;
        if (lifetime <= TimeSpan.Zero || lifetime > TimeSpan.FromDays(90))
        {
            throw new DomainException("invitation.validity", "An invitation is valid for up to 90 days.");
        }

        if (string.IsNullOrWhiteSpace(codeHash) || codeHash.Length > CodeHashMaxLength)
        {
            throw new DomainException("invitation.hash", "The invitation needs the hash of its code.");
        }

        if (string.IsNullOrWhiteSpace(linkTokenHash) || linkTokenHash.Length > CodeHashMaxLength || linkTokenHash == codeHash)
        {
            throw new DomainException("invitation.hash", "The invitation needs the hash of its link token.");
        }

        if (!Enum.IsDefined(delivery))
        {
            throw new DomainException("invitation.delivery.invalid", "The invitation has no valid delivery.");
        }

        return new Invitation
        {
            Id = Ids.New(now),
            ReferralId = referralId,
            GroupId = groupId,
            MembershipId = membershipId,
            CodeHash = codeHash,
            LinkTokenHash = linkTokenHash,
            Delivery = delivery,
            CreatedBy = Text.Required(createdBy, ActorMaxLength, "invitation.actor"),
            CreatedAt = now,
            ExpiresAt = now + lifetime,
        };
    }

    /// <summary>Where the invitation stands at <paramref name="now"/>.</summary>
    public InvitationState StateAt(DateTimeOffset now) =>
        RedeemedAt is not null ? InvitationState.Redeemed
        : RevokedAt is not null ? InvitationState.Revoked
        : now >= ExpiresAt ? InvitationState.Expired
        : InvitationState.Open;

    public bool IsUsable(DateTimeOffset now) => RedeemedAt is null && RevokedAt is null && now < ExpiresAt;

    /// <summary>Uses the invitation once. Whatever the reason it cannot be used, the code is the same: a wrong code says nothing about why.</summary>
    public void Redeem(DateTimeOffset now)
    {
        if (!IsUsable(now))
        {
            throw new DomainException("invitation.unusable", "The invitation cannot be used.");
        }

        RedeemedAt = now;
        Version++;
    }

    public void Revoke(DateTimeOffset now)
    {
        if (RedeemedAt is not null || RevokedAt is not null)
        {
            return;
        }

        RevokedAt = now;
        Version++;
    }
}

/// <summary>Where an invitation stands.</summary>
public enum InvitationState
{
    Open,
    Redeemed,
    Revoked,
    Expired,
}
