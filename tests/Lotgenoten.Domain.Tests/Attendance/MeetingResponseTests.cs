using Lotgenoten.Domain.Attendance;
using Lotgenoten.Domain.Groups;
using Lotgenoten.Domain.Meetings;
using Lotgenoten.Domain.Tests.TestSupport;

namespace Lotgenoten.Domain.Tests.Attendance;

public class MeetingResponseTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 13, 18, 0, 0, TimeSpan.Zero);

    private readonly PeerGroup _group;
    private readonly Membership _member;
    private readonly Meeting _meeting;

    public MeetingResponseTests()
    {
        _group = Build.RunningGroup("Zonnebloem");
        _member = _group.Memberships[0];
        _meeting = Build.Meeting(_group, new DateTime(2026, 1, 13, 19, 0, 0));
    }

    [Fact]
    public void Give_CantCome_SuggestsExcused()
    {
        var response = MeetingResponse.Give(_meeting, _member, RsvpAnswer.CantCome, " Ziek \n sorry ", Build.Now);

        response.Answer.ShouldBe(RsvpAnswer.CantCome);
        response.SuggestedStatus.ShouldBe(AttendanceStatus.Excused);
        response.Message.ShouldBe("Ziek \n sorry");
        response.MeetingId.ShouldBe(_meeting.Id);
        response.MembershipId.ShouldBe(_member.Id);
        response.AnsweredAt.ShouldBe(Build.Now);
        response.Version.ShouldBe(1);
    }

    [Fact]
    public void Give_Coming_SuggestsNothing()
    {
        MeetingResponse.Give(_meeting, _member, RsvpAnswer.Coming, null, Build.Now).SuggestedStatus.ShouldBeNull();
    }

    [Fact]
    public void Give_InvitedNotJoined_ThrowsNotMember()
    {
        var invited = _group.Place(Guid.NewGuid(), Build.Now);

        DomainAssert.Throws(() => MeetingResponse.Give(_meeting, invited, RsvpAnswer.Coming, null, Build.Now), "rsvp.not-member");
    }

    [Fact]
    public void Give_MemberOfAnotherGroup_ThrowsNotMember()
    {
        var other = Build.RunningGroup("Klaproos").Memberships[0];

        DomainAssert.Throws(() => MeetingResponse.Give(_meeting, other, RsvpAnswer.Coming, null, Build.Now), "rsvp.not-member");
    }

    [Fact]
    public void Give_WithdrawnMember_ThrowsNotMember()
    {
        _member.Withdraw(Domain.Referrals.WithdrawalReason.Other, Build.Now);

        DomainAssert.Throws(() => MeetingResponse.Give(_meeting, _member, RsvpAnswer.CantCome, null, Build.Now), "rsvp.not-member");
    }

    [Fact]
    public void Change_BeforeStart_ChangesAnswer()
    {
        var response = MeetingResponse.Give(_meeting, _member, RsvpAnswer.CantCome, "ziek", Build.Now);
        var later = Start.AddMinutes(-1);

        response.Change(_meeting, RsvpAnswer.Coming, null, later);

        response.Answer.ShouldBe(RsvpAnswer.Coming);
        response.SuggestedStatus.ShouldBeNull();
        response.Message.ShouldBeNull();
        response.AnsweredAt.ShouldBe(later);
        response.Version.ShouldBe(2);
    }

    [Fact]
    public void Change_AtOrAfterStart_ThrowsClosed()
    {
        var response = MeetingResponse.Give(_meeting, _member, RsvpAnswer.Coming, null, Build.Now);

        DomainAssert.Throws(() => response.Change(_meeting, RsvpAnswer.CantCome, null, Start), "rsvp.closed");
        DomainAssert.Throws(() => response.Change(_meeting, RsvpAnswer.CantCome, null, Start.AddHours(1)), "rsvp.closed");
        response.Answer.ShouldBe(RsvpAnswer.Coming);
    }

    [Fact]
    public void Give_AfterStart_ThrowsClosed()
    {
        DomainAssert.Throws(() => MeetingResponse.Give(_meeting, _member, RsvpAnswer.CantCome, null, Start.AddMinutes(5)), "rsvp.closed");
    }

    [Fact]
    public void Give_CancelledMeeting_ThrowsClosed()
    {
        _meeting.Cancel(Build.Now);

        DomainAssert.Throws(() => MeetingResponse.Give(_meeting, _member, RsvpAnswer.CantCome, null, Build.Now), "rsvp.closed");
    }

    [Fact]
    public void Change_OtherMeeting_ThrowsOtherMeeting()
    {
        var response = MeetingResponse.Give(_meeting, _member, RsvpAnswer.Coming, null, Build.Now);
        var other = Build.Meeting(_group, new DateTime(2026, 1, 20, 19, 0, 0));

        DomainAssert.Throws(() => response.Change(other, RsvpAnswer.CantCome, null, Build.Now), "rsvp.other-meeting");
    }

    [Fact]
    public void Change_BadMessage_ThrowsAndKeepsAnswer()
    {
        var response = MeetingResponse.Give(_meeting, _member, RsvpAnswer.Coming, null, Build.Now);

        DomainAssert.Throws(() => response.Change(_meeting, RsvpAnswer.CantCome, "x\0", Build.Now), "rsvp.message.control-characters");
        DomainAssert.Throws(() => response.Change(_meeting, RsvpAnswer.CantCome, new string('m', MeetingResponse.MessageMaxLength + 1), Build.Now), "rsvp.message.too-long");

        response.Answer.ShouldBe(RsvpAnswer.Coming);
        response.Version.ShouldBe(1);
    }

    [Fact]
    public void Give_UndefinedAnswer_ThrowsInvalid()
    {
        DomainAssert.Throws(() => MeetingResponse.Give(_meeting, _member, (RsvpAnswer)5, null, Build.Now), "rsvp.answer.invalid");
    }
}
