using Lotgenoten.Domain.Groups;
using Lotgenoten.Domain.Referrals;
using Lotgenoten.Domain.Tests.TestSupport;

namespace Lotgenoten.Domain.Tests.Groups;

public class MembershipTests
{
    [Fact]
    public void EraseParticipant_ActiveMember_UnlinksAndWithdraws()
    {
        var group = Build.RunningGroup("Zonnebloem");
        var membership = group.Memberships[0];
        membership.MarkAttended(Build.Now.AddDays(1)).ShouldBeTrue();
        var erasedAt = Build.Now.AddDays(10);

        membership.EraseParticipant(erasedAt);

        membership.ParticipantId.ShouldBeNull();
        membership.Pseudonym.ShouldBeNull();
        membership.PseudonymSkeleton.ShouldBeNull();
        membership.Status.ShouldBe(MembershipStatus.Withdrawn);
        membership.EndReason.ShouldBe(WithdrawalReason.PrivacyConcerns);
        membership.EndedAt.ShouldBe(erasedAt);
        membership.ErasedAt.ShouldBe(erasedAt);
        membership.IsOpen.ShouldBeFalse();
        // What the figures need stays.
        membership.JoinedAt.ShouldBe(Build.Now);
        membership.FirstAttendedAt.ShouldBe(Build.Now.AddDays(1));
        membership.ReferralId.ShouldNotBe(Guid.Empty);
        group.OpenPlaces.ShouldBe(0);
    }

    [Fact]
    public void EraseParticipant_CompletedMember_StaysCompletedAndUnlinks()
    {
        var group = Build.RunningGroup("Zonnebloem");
        var membership = group.Memberships[0];
        group.Close(Build.Now.AddDays(60));

        membership.EraseParticipant(Build.Now.AddDays(70));

        membership.Status.ShouldBe(MembershipStatus.Completed);
        membership.EndedAt.ShouldBe(Build.Now.AddDays(60));
        membership.Pseudonym.ShouldBeNull();
        membership.ParticipantId.ShouldBeNull();
    }

    [Fact]
    public void EraseParticipant_Twice_KeepsFirstErasureTime()
    {
        var group = Build.RunningGroup("Zonnebloem");
        var membership = group.Memberships[0];

        membership.EraseParticipant(Build.Now.AddDays(1));
        membership.EraseParticipant(Build.Now.AddDays(2));

        membership.ErasedAt.ShouldBe(Build.Now.AddDays(1));
        membership.EndedAt.ShouldBe(Build.Now.AddDays(1));
        membership.Status.ShouldBe(MembershipStatus.Withdrawn);
    }

    [Fact]
    public void EraseParticipant_FreesThePseudonym()
    {
        var group = Build.RecruitingGroup();
        var membership = Build.JoinedMember(group, "Zonnebloem");

        membership.EraseParticipant(Build.Now);

        group.IsPseudonymFree("Zonnebloem").ShouldBeTrue();
    }

    [Fact]
    public void MarkAttended_Joined_BecomesActiveOnce()
    {
        var group = Build.RecruitingGroup();
        var membership = Build.JoinedMember(group, "Zonnebloem");
        var first = Build.Now.AddDays(7);

        membership.MarkAttended(first).ShouldBeTrue();
        membership.MarkAttended(first.AddDays(7)).ShouldBeFalse();

        membership.Status.ShouldBe(MembershipStatus.Active);
        membership.FirstAttendedAt.ShouldBe(first);
    }

    [Fact]
    public void MarkAttended_EarlierMeetingRecordedLater_MovesFirstAttendanceBack()
    {
        var group = Build.RecruitingGroup();
        var membership = Build.JoinedMember(group, "Zonnebloem");
        membership.MarkAttended(Build.Now.AddDays(14));

        membership.MarkAttended(Build.Now.AddDays(7)).ShouldBeFalse();

        membership.FirstAttendedAt.ShouldBe(Build.Now.AddDays(7));
    }

    [Fact]
    public void MarkAttended_Invited_ChangesNothing()
    {
        var group = Build.RecruitingGroup();
        var membership = group.Place(Guid.NewGuid(), Build.Now);

        membership.MarkAttended(Build.Now).ShouldBeFalse();

        membership.Status.ShouldBe(MembershipStatus.Invited);
        membership.FirstAttendedAt.ShouldBeNull();
    }

    [Fact]
    public void MarkAttended_Withdrawn_KeepsStatusButRecordsFirstAttendance()
    {
        var group = Build.RecruitingGroup();
        var membership = Build.JoinedMember(group, "Zonnebloem");
        membership.Withdraw(WithdrawalReason.PracticalReasons, Build.Now.AddDays(10));

        membership.MarkAttended(Build.Now.AddDays(7)).ShouldBeFalse();

        membership.Status.ShouldBe(MembershipStatus.Withdrawn);
        membership.FirstAttendedAt.ShouldBe(Build.Now.AddDays(7));
    }

    [Fact]
    public void MarkAttended_WithdrawnBeforeJoining_ChangesNothing()
    {
        var group = Build.RecruitingGroup();
        var membership = group.Place(Guid.NewGuid(), Build.Now);
        membership.Withdraw(WithdrawalReason.Other, Build.Now);

        membership.MarkAttended(Build.Now.AddDays(7)).ShouldBeFalse();

        membership.FirstAttendedAt.ShouldBeNull();
    }

    [Fact]
    public void Withdraw_OpenMembership_EndsWithReason()
    {
        var group = Build.RecruitingGroup();
        var membership = group.Place(Guid.NewGuid(), Build.Now);

        membership.Withdraw(WithdrawalReason.PracticalReasons, Build.Now.AddDays(1));

        membership.Status.ShouldBe(MembershipStatus.Withdrawn);
        membership.EndReason.ShouldBe(WithdrawalReason.PracticalReasons);
        membership.EndedAt.ShouldBe(Build.Now.AddDays(1));
    }

    [Fact]
    public void Withdraw_Twice_ThrowsTransition()
    {
        var group = Build.RecruitingGroup();
        var membership = group.Place(Guid.NewGuid(), Build.Now);
        membership.Withdraw(WithdrawalReason.PracticalReasons, Build.Now);

        DomainAssert.Throws(() => membership.Withdraw(WithdrawalReason.Other, Build.Now.AddDays(1)), "membership.transition");
        membership.EndReason.ShouldBe(WithdrawalReason.PracticalReasons);
    }

    [Fact]
    public void Withdraw_UndefinedReason_ThrowsAndStaysOpen()
    {
        var group = Build.RecruitingGroup();
        var membership = group.Place(Guid.NewGuid(), Build.Now);

        DomainAssert.Throws(() => membership.Withdraw((WithdrawalReason)42, Build.Now), "membership.reason.invalid");
        membership.IsOpen.ShouldBeTrue();
    }

    [Fact]
    public void SetCalendarPreferences_Allowed_AreKept()
    {
        var member = Build.JoinedMember(Build.RecruitingGroup(), "Anna");
        member.EmailInvites.ShouldBeFalse("e-mail invites are opt-in");
        member.FullTitles.ShouldBeFalse("titles are discreet by default");

        member.SetCalendarPreferences(emailInvites: true, fullTitles: true, reminderMinutes: 1440);

        (member.EmailInvites, member.FullTitles, member.ReminderMinutes).ShouldBe((true, true, (int?)1440));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(30)]
    [InlineData(-60)]
    public void SetCalendarPreferences_OtherReminder_ThrowsAndChangesNothing(int minutes)
    {
        var member = Build.JoinedMember(Build.RecruitingGroup(), "Anna");

        Should.Throw<Lotgenoten.Domain.Common.DomainException>(() => member.SetCalendarPreferences(true, true, minutes))
            .Code.ShouldBe("membership.reminder.invalid");
        (member.EmailInvites, member.ReminderMinutes).ShouldBe((false, (int?)null));
    }
}
