using Lotgenoten.Domain.Common;

namespace Lotgenoten.Domain.Invitations;

/// <summary>
/// A single-use code (and link) that lets a placed relative create their pseudonymous account. Only a hash of the code
/// is stored; the code itself exists only in the e-mail or in the counsellor's hands.
/// </summary>
public sealed class Invitation
{
    public const int CodeHashMaxLength = 64;
    public static readonly TimeSpan DefaultValidity = TimeSpan.FromDays(21);

    private Invitation()
    {
        CodeHash = string.Empty;
    }

    public Guid Id { get; private set; }

    public Guid ReferralId { get; private set; }

    public Guid GroupId { get; private set; }

    public Guid MembershipId { get; private set; }

    public string CodeHash { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset ExpiresAt { get; private set; }

    public DateTimeOffset? RedeemedAt { get; private set; }

    public DateTimeOffset? RevokedAt { get; private set; }

    public int Version { get; private set; }

    public static Invitation Create(Guid referralId, Guid groupId, Guid membershipId, string codeHash, DateTimeOffset now, TimeSpan? validity = null)
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

        return new Invitation
        {
            Id = Ids.New(now),
            ReferralId = referralId,
            GroupId = groupId,
            MembershipId = membershipId,
            CodeHash = codeHash,
            CreatedAt = now,
            ExpiresAt = now + lifetime,
        };
    }

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
