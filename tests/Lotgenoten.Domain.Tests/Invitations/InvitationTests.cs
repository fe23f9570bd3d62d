using Lotgenoten.Domain.Invitations;
using Lotgenoten.Domain.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace Lotgenoten.Domain.Tests.Invitations;

public class InvitationTests
{
    private static Invitation Create(TimeSpan? validity = null) =>
        Invitation.Create(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), "hash-of-code", "hash-of-link", InvitationDelivery.Email, Build.Actor, Build.Now, validity);

    [Fact]
    public void Create_Default_ValidForFourteenDays()
    {
        var referralId = Guid.NewGuid();
        var groupId = Guid.NewGuid();
        var membershipId = Guid.NewGuid();

        var invitation = Invitation.Create(referralId, groupId, membershipId, "hash", "link-hash", InvitationDelivery.Handover, Build.Actor, Build.Now);

        invitation.ReferralId.ShouldBe(referralId);
        invitation.GroupId.ShouldBe(groupId);
        invitation.MembershipId.ShouldBe(membershipId);
        invitation.CodeHash.ShouldBe("hash");
        invitation.CreatedAt.ShouldBe(Build.Now);
        invitation.LinkTokenHash.ShouldBe("link-hash");
        invitation.Delivery.ShouldBe(InvitationDelivery.Handover);
        invitation.CreatedBy.ShouldBe(Build.Actor);
        invitation.ExpiresAt.ShouldBe(Build.Now.AddDays(14));
        invitation.StateAt(Build.Now).ShouldBe(InvitationState.Open);
        invitation.IsUsable(Build.Now).ShouldBeTrue();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(91)]
    public void Create_ValidityOutOfRange_ThrowsValidity(int days)
    {
        DomainAssert.Throws(() => Create(TimeSpan.FromDays(days)), "invitation.validity");
    }

    [Fact]
    public void Create_NinetyDays_IsAccepted()
    {
        Create(TimeSpan.FromDays(90)).ExpiresAt.ShouldBe(Build.Now.AddDays(90));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("0123456789012345678901234567890123456789012345678901234567890123X")]
    public void Create_MissingOrTooLongHash_ThrowsHash(string hash)
    {
        DomainAssert.Throws(() => Invitation.Create(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), hash, "link", InvitationDelivery.Email, Build.Actor, Build.Now), "invitation.hash");
        DomainAssert.Throws(() => Invitation.Create(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), "code", hash, InvitationDelivery.Email, Build.Actor, Build.Now), "invitation.hash");
    }

    [Fact]
    public void Redeem_Usable_IsRedeemedOnce()
    {
        var invitation = Create();
        var at = Build.Now.AddDays(3);

        invitation.Redeem(at);

        invitation.RedeemedAt.ShouldBe(at);
        invitation.IsUsable(at).ShouldBeFalse();
        invitation.Version.ShouldBe(1);
    }

    [Fact]
    public void Redeem_JustBeforeExpiry_IsAccepted()
    {
        var invitation = Create();

        invitation.Redeem(invitation.ExpiresAt.AddTicks(-1));

        invitation.RedeemedAt.ShouldNotBeNull();
    }

    [Fact]
    public void Redeem_Twice_ThrowsUnusable()
    {
        var invitation = Create();
        invitation.Redeem(Build.Now);

        DomainAssert.Throws(() => invitation.Redeem(Build.Now.AddMinutes(1)), "invitation.unusable");
        invitation.RedeemedAt.ShouldBe(Build.Now);
    }

    [Fact]
    public void Redeem_AtOrAfterExpiry_ThrowsUnusable()
    {
        var invitation = Create();

        DomainAssert.Throws(() => invitation.Redeem(invitation.ExpiresAt), "invitation.unusable");
        DomainAssert.Throws(() => invitation.Redeem(invitation.ExpiresAt.AddDays(1)), "invitation.unusable");
        invitation.RedeemedAt.ShouldBeNull();
    }

    [Fact]
    public void Redeem_Revoked_ThrowsUnusable()
    {
        var invitation = Create();
        invitation.Revoke(Build.Now.AddDays(1));

        DomainAssert.Throws(() => invitation.Redeem(Build.Now.AddDays(2)), "invitation.unusable");
        invitation.RevokedAt.ShouldBe(Build.Now.AddDays(1));
    }

    [Fact]
    public void Redeem_EveryReason_GivesTheSameCodeAndMessage()
    {
        var used = Create();
        used.Redeem(Build.Now);
        var expired = Create();
        var revoked = Create();
        revoked.Revoke(Build.Now);

        var errors = new[]
        {
            DomainAssert.Throws(() => used.Redeem(Build.Now), "invitation.unusable"),
            DomainAssert.Throws(() => expired.Redeem(Build.Now.AddDays(30)), "invitation.unusable"),
            DomainAssert.Throws(() => revoked.Redeem(Build.Now), "invitation.unusable"),
        };

        errors.Select(e => e.Message).Distinct().Count().ShouldBe(1);
    }

    [Fact]
    public void Revoke_Redeemed_IsNoOp()
    {
        var invitation = Create();
        invitation.Redeem(Build.Now);

        invitation.Revoke(Build.Now.AddDays(1));

        invitation.RevokedAt.ShouldBeNull();
        invitation.Version.ShouldBe(1);
    }

    [Fact]
    public void Revoke_Twice_KeepsFirstTime()
    {
        var invitation = Create();
        invitation.Revoke(Build.Now.AddDays(1));

        invitation.Revoke(Build.Now.AddDays(2));

        invitation.RevokedAt.ShouldBe(Build.Now.AddDays(1));
        invitation.Version.ShouldBe(1);
        invitation.IsUsable(Build.Now.AddDays(1)).ShouldBeFalse();
    }

    [Fact]
    public void IsUsable_AsTimePasses_EndsExactlyAtExpiry()
    {
        var clock = new FakeTimeProvider(Build.Now);
        var invitation = Invitation.Create(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), "hash", "link", InvitationDelivery.Email, Build.Actor, clock.GetUtcNow());

        clock.Advance(Invitation.DefaultValidity - TimeSpan.FromSeconds(1));
        invitation.IsUsable(clock.GetUtcNow()).ShouldBeTrue();

        clock.Advance(TimeSpan.FromSeconds(1));
        invitation.IsUsable(clock.GetUtcNow()).ShouldBeFalse();
        DomainAssert.Throws(() => invitation.Redeem(clock.GetUtcNow()), "invitation.unusable");
    }
}
