using Lotgenoten.Domain.Attendance;
using Lotgenoten.Domain.Groups;
using Lotgenoten.Domain.Meetings;
using Lotgenoten.Domain.Referrals;
using Lotgenoten.Domain.Tests.TestSupport;

namespace Lotgenoten.Domain.Tests.Attendance;

public class AttendanceRecordTests
{
    private const string Facilitator = "facilitator-1";

    /// <summary>After the 13 January meeting (19:00–21:00 Brussels, 18:00–20:00 UTC).</summary>
    private static readonly DateTimeOffset AfterMeeting = new(2026, 1, 13, 20, 15, 0, TimeSpan.Zero);

    private readonly PeerGroup _group;
    private readonly Membership _member;
    private readonly Meeting _meeting;

    public AttendanceRecordTests()
    {
        _group = Build.RunningGroup("Zonnebloem");
        _member = _group.Memberships[0];
        _meeting = Build.Meeting(_group, new DateTime(2026, 1, 13, 19, 0, 0));
    }

    [Theory]
    [InlineData(AttendanceStatus.Present, true)]
    [InlineData(AttendanceStatus.Late, true)]
    [InlineData(AttendanceStatus.Excused, false)]
    [InlineData(AttendanceStatus.Absent, false)]
    public void Record_Member_StoresStatusAndCountsAttendance(AttendanceStatus status, bool attended)
    {
        var record = AttendanceRecord.Record(_meeting, _member, status, Facilitator, AfterMeeting);

        record.Status.ShouldBe(status);
        record.Attended.ShouldBe(attended);
        record.MeetingId.ShouldBe(_meeting.Id);
        record.GroupId.ShouldBe(_group.Id);
        record.MembershipId.ShouldBe(_member.Id);
        record.RecordedBy.ShouldBe(Facilitator);
        record.RecordedAt.ShouldBe(AfterMeeting);
        record.Version.ShouldBe(1);
    }

    [Theory]
    [InlineData(AttendanceStatus.Present)]
    [InlineData(AttendanceStatus.Late)]
    public void Record_FirstAttendance_MakesJoinedMemberActive(AttendanceStatus status)
    {
        _member.Status.ShouldBe(MembershipStatus.Joined);

        AttendanceRecord.Record(_meeting, _member, status, Facilitator, AfterMeeting);

        _member.Status.ShouldBe(MembershipStatus.Active);
        _member.FirstAttendedAt.ShouldBe(_meeting.StartsAt);
    }

    [Theory]
    [InlineData(AttendanceStatus.Excused)]
    [InlineData(AttendanceStatus.Absent)]
    public void Record_NoAttendance_LeavesMemberJoined(AttendanceStatus status)
    {
        AttendanceRecord.Record(_meeting, _member, status, Facilitator, AfterMeeting);

        _member.Status.ShouldBe(MembershipStatus.Joined);
        _member.FirstAttendedAt.ShouldBeNull();
    }

    [Fact]
    public void Record_MemberOfAnotherGroup_ThrowsOtherGroup()
    {
        var other = Build.RunningGroup("Klaproos").Memberships[0];

        DomainAssert.Throws(() => AttendanceRecord.Record(_meeting, other, AttendanceStatus.Present, Facilitator, AfterMeeting), "attendance.other-group");
        other.Status.ShouldBe(MembershipStatus.Joined);
    }

    [Fact]
    public void Record_InvitedNotJoined_ThrowsNotMember()
    {
        var invited = _group.Place(Guid.NewGuid(), Build.Now);

        DomainAssert.Throws(() => AttendanceRecord.Record(_meeting, invited, AttendanceStatus.Absent, Facilitator, AfterMeeting), "attendance.not-member");
    }

    [Fact]
    public void Record_JoinedAfterTheMeeting_ThrowsNotMember()
    {
        var late = Build.JoinedMember(_group, "Klaproos", at: AfterMeeting);

        DomainAssert.Throws(() => AttendanceRecord.Record(_meeting, late, AttendanceStatus.Absent, Facilitator, AfterMeeting), "attendance.not-member");
    }

    [Fact]
    public void Record_JoinedDuringTheMeeting_IsAccepted()
    {
        var joinedDuring = Build.JoinedMember(_group, "Klaproos", at: _meeting.StartsAt.AddMinutes(30));

        AttendanceRecord.Record(_meeting, joinedDuring, AttendanceStatus.Late, Facilitator, AfterMeeting).Status.ShouldBe(AttendanceStatus.Late);
    }

    [Fact]
    public void Record_LeftBeforeTheMeeting_ThrowsNotMember()
    {
        _member.Withdraw(WithdrawalReason.PracticalReasons, _meeting.StartsAt.AddDays(-1));

        DomainAssert.Throws(() => AttendanceRecord.Record(_meeting, _member, AttendanceStatus.Absent, Facilitator, AfterMeeting), "attendance.not-member");
    }

    [Fact]
    public void Record_LeftAfterTheMeeting_IsAccepted()
    {
        _member.Withdraw(WithdrawalReason.PracticalReasons, AfterMeeting.AddDays(2));

        var record = AttendanceRecord.Record(_meeting, _member, AttendanceStatus.Present, Facilitator, AfterMeeting.AddDays(3));

        record.Attended.ShouldBeTrue();
        _member.Status.ShouldBe(MembershipStatus.Withdrawn);
        _member.FirstAttendedAt.ShouldBe(_meeting.StartsAt);
    }

    [Fact]
    public void Record_AfterTheGroupClosed_KeepsCompletedAndCountsFirstAttendance()
    {
        _group.Close(AfterMeeting);

        AttendanceRecord.Record(_meeting, _member, AttendanceStatus.Late, Facilitator, AfterMeeting.AddDays(1));

        _member.Status.ShouldBe(MembershipStatus.Completed);
        _member.FirstAttendedAt.ShouldBe(_meeting.StartsAt);
    }

    [Fact]
    public void Record_CancelledMeeting_ThrowsCancelled()
    {
        _meeting.Cancel(Build.Now);

        DomainAssert.Throws(() => AttendanceRecord.Record(_meeting, _member, AttendanceStatus.Present, Facilitator, AfterMeeting), "meeting.cancelled");
        _member.Status.ShouldBe(MembershipStatus.Joined);
    }

    [Fact]
    public void Record_DayBeforeInBrussels_ThrowsTooEarly()
    {
        var eveningBefore = new DateTimeOffset(2026, 1, 12, 22, 59, 0, TimeSpan.Zero); // 23:59 on 12 January in Brussels

        DomainAssert.Throws(() => AttendanceRecord.Record(_meeting, _member, AttendanceStatus.Excused, Facilitator, eveningBefore), "attendance.too-early");
    }

    [Fact]
    public void Record_OnTheDayBeforeTheStart_IsAccepted()
    {
        var justAfterMidnight = new DateTimeOffset(2026, 1, 12, 23, 0, 0, TimeSpan.Zero); // 00:00 on 13 January in Brussels

        AttendanceRecord.Record(_meeting, _member, AttendanceStatus.Excused, Facilitator, justAfterMidnight).Status.ShouldBe(AttendanceStatus.Excused);
    }

    [Fact]
    public void Record_HeldMeeting_IsAccepted()
    {
        _meeting.MarkHeld(AfterMeeting);

        AttendanceRecord.Record(_meeting, _member, AttendanceStatus.Present, Facilitator, AfterMeeting.AddDays(1)).Attended.ShouldBeTrue();
    }

    [Fact]
    public void Record_UndefinedStatusOrNoRecorder_Throws()
    {
        DomainAssert.Throws(() => AttendanceRecord.Record(_meeting, _member, (AttendanceStatus)9, Facilitator, AfterMeeting), "attendance.status.invalid");
        DomainAssert.Throws(() => AttendanceRecord.Record(_meeting, _member, AttendanceStatus.Present, " ", AfterMeeting), "attendance.by.required");
        _member.Status.ShouldBe(MembershipStatus.Joined);
    }

    // ---- Change ----

    [Fact]
    public void Change_CurrentVersion_ChangesStatusAndVersion()
    {
        var record = AttendanceRecord.Record(_meeting, _member, AttendanceStatus.Absent, Facilitator, AfterMeeting);
        var later = AfterMeeting.AddMinutes(5);

        record.Change(_meeting, AttendanceStatus.Late, expectedVersion: 1, "facilitator-2", later);

        record.Status.ShouldBe(AttendanceStatus.Late);
        record.Version.ShouldBe(2);
        record.RecordedBy.ShouldBe("facilitator-2");
        record.RecordedAt.ShouldBe(later);
    }

    [Fact]
    public void Change_StaleVersion_ThrowsConflictAndKeepsTheOtherEdit()
    {
        var record = AttendanceRecord.Record(_meeting, _member, AttendanceStatus.Absent, Facilitator, AfterMeeting);
        record.Change(_meeting, AttendanceStatus.Present, 1, "facilitator-2", AfterMeeting.AddMinutes(1));

        DomainAssert.Throws(() => record.Change(_meeting, AttendanceStatus.Excused, 1, Facilitator, AfterMeeting.AddMinutes(2)), "attendance.conflict");

        record.Status.ShouldBe(AttendanceStatus.Present);
        record.RecordedBy.ShouldBe("facilitator-2");
        record.Version.ShouldBe(2);
    }

    [Fact]
    public void Change_OtherMeeting_ThrowsOtherMeeting()
    {
        var record = AttendanceRecord.Record(_meeting, _member, AttendanceStatus.Absent, Facilitator, AfterMeeting);
        var other = Build.Meeting(_group, new DateTime(2026, 1, 6, 19, 0, 0));

        DomainAssert.Throws(() => record.Change(other, AttendanceStatus.Present, 1, Facilitator, AfterMeeting), "attendance.other-meeting");
    }

    [Fact]
    public void Change_MeetingCancelledSince_ThrowsCancelled()
    {
        var record = AttendanceRecord.Record(_meeting, _member, AttendanceStatus.Absent, Facilitator, AfterMeeting);
        _meeting.Cancel(AfterMeeting);

        DomainAssert.Throws(() => record.Change(_meeting, AttendanceStatus.Present, 1, Facilitator, AfterMeeting), "meeting.cancelled");
        record.Status.ShouldBe(AttendanceStatus.Absent);
    }

    [Fact]
    public void Change_WithoutRecorder_ThrowsAndChangesNothing()
    {
        var record = AttendanceRecord.Record(_meeting, _member, AttendanceStatus.Absent, Facilitator, AfterMeeting);

        DomainAssert.Throws(() => record.Change(_meeting, AttendanceStatus.Present, 1, "", AfterMeeting), "attendance.by.required");

        record.Status.ShouldBe(AttendanceStatus.Absent);
        record.Version.ShouldBe(1);
    }

    // ---- Unlink ----

    [Fact]
    public void Unlink_LinkedRecord_KeepsTheRowAndItsStatus()
    {
        var record = AttendanceRecord.Record(_meeting, _member, AttendanceStatus.Present, Facilitator, AfterMeeting);

        record.Unlink().ShouldBeTrue();

        record.MembershipId.ShouldBeNull();
        record.Status.ShouldBe(AttendanceStatus.Present);
        record.Attended.ShouldBeTrue();
        record.MeetingId.ShouldBe(_meeting.Id);
        record.GroupId.ShouldBe(_group.Id);
        record.Version.ShouldBe(2);
    }

    [Fact]
    public void Unlink_Twice_SecondIsNoOp()
    {
        var record = AttendanceRecord.Record(_meeting, _member, AttendanceStatus.Present, Facilitator, AfterMeeting);
        record.Unlink();

        record.Unlink().ShouldBeFalse();
        record.Version.ShouldBe(2);
    }
}
