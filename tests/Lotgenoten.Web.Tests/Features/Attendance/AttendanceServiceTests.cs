using Lotgenoten.Domain.Attendance;
using Lotgenoten.Domain.Audit;
using Lotgenoten.Domain.Groups;
using Lotgenoten.Domain.Meetings;
using Lotgenoten.Domain.Referrals;
using Lotgenoten.Web.Features.Attendance;
using Microsoft.EntityFrameworkCore;

namespace Lotgenoten.Web.Tests.Features.Attendance;

/// <summary>The attendance register at the service level, on the real app (SQLite) with a fake clock.</summary>
public sealed class AttendanceServiceTests : IAsyncLifetime
{
    private AttendanceTestApp _app = default!;

    public async ValueTask InitializeAsync() => _app = await AttendanceTestApp.CreateAsync();

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Guid Today => _app.Today.Id;

    private Guid Member(int i) => _app.Members[i].Id;

    [Fact]
    public async Task GetMeeting_FacilitatorOfTheGroup_SeesEveryMemberByPseudonymWithTheirAnswer()
    {
        await AnswerAsync(1, RsvpAnswer.CantCome, "Ik ben ziek.");
        await AnswerAsync(0, RsvpAnswer.Coming, null);

        var register = (await _app.Attendance().GetMeetingAsync(AttendanceTestApp.Facilitator, _app.GroupId, Today, Ct)).ShouldNotBeNull();

        (register.GroupName, register.Date, register.StartTime, register.EndTime, register.Status, register.CanRecord, register.ReadOnlyReason)
            .ShouldBe(("Dinsdag", new DateOnly(2026, 11, 24), new TimeOnly(19, 0), new TimeOnly(21, 0), MeetingStatus.Scheduled, true, (string?)null));
        register.Rows.Select(r => r.Pseudonym).ShouldBe(["Anna", "Bram", "Cato", "Dirk", "Eva"]);
        var anna = register.Rows[0];
        (anna.Answer, anna.Message, anna.Status, anna.Shown, anna.Version).ShouldBe((RsvpAnswer.Coming, (string?)null, (AttendanceStatus?)null, (AttendanceStatus?)null, 0));
        var bram = register.Rows[1];
        (bram.Answer, bram.Message, bram.Status, bram.Suggested, bram.Shown).ShouldBe(
            (RsvpAnswer.CantCome, "Ik ben ziek.", (AttendanceStatus?)null, AttendanceStatus.Excused, AttendanceStatus.Excused));
        register.Summary.ShouldBe(new RegisterSummary(Present: 0, Late: 0, Excused: 1, Absent: 0, NotYet: 4));
    }

    [Fact]
    public async Task GetMeeting_BeforeEvaJoined_ListsOnlyTheMembersOfThatTime()
    {
        var register = (await _app.Attendance().GetMeetingAsync(AttendanceTestApp.Facilitator, _app.GroupId, _app.Meetings[3].Id, Ct)).ShouldNotBeNull();

        register.Rows.Select(r => r.Pseudonym).ShouldBe(["Anna", "Bram", "Cato", "Dirk"]);
    }

    [Fact]
    public async Task GetMeeting_WhoMaySee_FacilitatorsAndCoordinatorsOnly()
    {
        var service = _app.Attendance();

        (await service.GetMeetingAsync(AttendanceTestApp.CoFacilitator, _app.GroupId, Today, Ct)).ShouldNotBeNull().CanRecord.ShouldBeTrue();
        var coordinator = (await service.GetMeetingAsync(AttendanceTestApp.Coordinator, _app.GroupId, Today, Ct)).ShouldNotBeNull();
        (coordinator.CanRecord, coordinator.ReadOnlyReason).ShouldBe(
            (false, "Je bekijkt deze lijst als coördinator: de begeleiders van de groep vullen ze in."));
        coordinator.Rows.Count.ShouldBe(5);

        // A facilitator of another group gets exactly what a meeting that does not exist gives.
        (await service.GetMeetingAsync(AttendanceTestApp.OtherFacilitator, _app.GroupId, Today, Ct)).ShouldBeNull();
        (await service.GetMeetingAsync(AttendanceTestApp.Facilitator, _app.GroupId, Guid.NewGuid(), Ct)).ShouldBeNull();
        (await service.GetMeetingAsync(AttendanceTestApp.Facilitator, _app.OtherGroupId, Today, Ct)).ShouldBeNull();

        await Should.ThrowAsync<UnauthorizedAccessException>(() => service.GetMeetingAsync(AttendanceTestApp.Counsellor, _app.GroupId, Today, Ct));
        await Should.ThrowAsync<UnauthorizedAccessException>(() => service.GetMeetingAsync(AttendanceTestApp.Participant, _app.GroupId, Today, Ct));
    }

    [Fact]
    public async Task Mark_WhoMayRecord_OnlyTheGroupsFacilitators()
    {
        var service = _app.Attendance();

        var coordinator = await service.MarkAsync(AttendanceTestApp.Coordinator, _app.GroupId, Today, Member(0), AttendanceStatus.Present, 0, Ct);
        (coordinator.Succeeded, coordinator.Error).ShouldBe((false, "Je bekijkt deze lijst als coördinator: de begeleiders van de groep vullen ze in."));
        var other = await service.MarkAsync(AttendanceTestApp.OtherFacilitator, _app.GroupId, Today, Member(0), AttendanceStatus.Present, 0, Ct);
        (other.Succeeded, other.Error).ShouldBe((false, "Deze bijeenkomst bestaat niet of hoort niet bij jouw groepen."));
        await Should.ThrowAsync<UnauthorizedAccessException>(() =>
            service.MarkAsync(AttendanceTestApp.Counsellor, _app.GroupId, Today, Member(0), AttendanceStatus.Present, 0, Ct));
        await Should.ThrowAsync<UnauthorizedAccessException>(() =>
            service.MarkAsync(AttendanceTestApp.Participant, _app.GroupId, Today, Member(0), AttendanceStatus.Present, 0, Ct));
        await Should.ThrowAsync<UnauthorizedAccessException>(() => service.CloseRegisterAsync(AttendanceTestApp.Counsellor, _app.GroupId, Today, Ct));
        (await service.CloseRegisterAsync(AttendanceTestApp.Coordinator, _app.GroupId, Today, Ct)).Succeeded.ShouldBeFalse();
        (await service.CloseRegisterAsync(AttendanceTestApp.OtherFacilitator, _app.GroupId, Today, Ct)).Succeeded.ShouldBeFalse();

        await using (var db = await _app.DbAsync(Ct))
        {
            (await db.Set<AttendanceRecord>().CountAsync(Ct)).ShouldBe(0);
            (await db.Set<Meeting>().SingleAsync(m => m.Id == Today, Ct)).Status.ShouldBe(MeetingStatus.Scheduled);
        }

        (await service.MarkAsync(AttendanceTestApp.CoFacilitator, _app.GroupId, Today, Member(0), AttendanceStatus.Present, 0, Ct)).Succeeded.ShouldBeTrue();
    }

    [Fact]
    public async Task Mark_OneTap_IsSavedAtOnceAndMakesTheMemberActive()
    {
        var result = await _app.Attendance().MarkAsync(AttendanceTestApp.Facilitator, _app.GroupId, Today, Member(0), AttendanceStatus.Present, 0, Ct);

        result.Succeeded.ShouldBeTrue();
        var row = result.Current.ShouldNotBeNull();
        (row.Pseudonym, row.Status, row.Version, row.RecordedBy, row.RecordedAt).ShouldBe(
            ("Anna", (AttendanceStatus?)AttendanceStatus.Present, 1, "Pieter Begeleider", (DateTimeOffset?)AttendanceTestApp.Now));
        await using var db = await _app.DbAsync(Ct);
        var record = await db.Set<AttendanceRecord>().SingleAsync(Ct);
        (record.MeetingId, record.MembershipId, record.Status, record.RecordedBy).ShouldBe(
            (Today, (Guid?)Member(0), AttendanceStatus.Present, AttendanceTestApp.FacilitatorOid));
        var membership = await db.Set<Membership>().SingleAsync(m => m.Id == Member(0), Ct);
        (membership.Status, membership.FirstAttendedAt).ShouldBe((MembershipStatus.Active, (DateTimeOffset?)_app.Today.StartsAt));
        (await db.Set<Referral>().SingleAsync(r => r.Id == membership.ReferralId, Ct)).Status.ShouldBe(ReferralStatus.Active);
        (await db.Set<AuditEvent>().CountAsync(Ct)).ShouldBe(0);
    }

    [Fact]
    public async Task Mark_StaleVersion_ConflictSaysWhatTheOtherSetAndOverwritesNothing()
    {
        var pieter = _app.Attendance();
        var sarah = _app.Attendance();
        var first = await pieter.MarkAsync(AttendanceTestApp.Facilitator, _app.GroupId, Today, Member(0), AttendanceStatus.Present, 0, Ct);
        (await sarah.MarkAsync(AttendanceTestApp.CoFacilitator, _app.GroupId, Today, Member(0), AttendanceStatus.Absent, 1, Ct)).Succeeded.ShouldBeTrue();

        var stale = await pieter.MarkAsync(AttendanceTestApp.Facilitator, _app.GroupId, Today, Member(0), AttendanceStatus.Late, first.Current!.Version, Ct);

        (stale.Succeeded, stale.Conflict, stale.Error).ShouldBe((false, true, "Sarah Begeleider zette dit intussen op Afwezig. Er is niets overschreven."));
        (stale.Current!.Status, stale.Current.Version, stale.Current.RecordedBy).ShouldBe(((AttendanceStatus?)AttendanceStatus.Absent, 2, "Sarah Begeleider"));
        await using (var db = await _app.DbAsync(Ct))
        {
            (await db.Set<AttendanceRecord>().SingleAsync(Ct)).Status.ShouldBe(AttendanceStatus.Absent);
        }

        // "Use mine": knowingly, with the version the conflict showed.
        var mine = await pieter.MarkAsync(AttendanceTestApp.Facilitator, _app.GroupId, Today, Member(0), AttendanceStatus.Late, stale.Current.Version, Ct);
        (mine.Succeeded, mine.Current!.Status, mine.Current.Version).ShouldBe((true, (AttendanceStatus?)AttendanceStatus.Late, 3));
    }

    [Fact]
    public async Task Mark_FirstTapWhenSomeoneAlreadyRecorded_IsAConflictToo()
    {
        await _app.Attendance().MarkAsync(AttendanceTestApp.CoFacilitator, _app.GroupId, Today, Member(2), AttendanceStatus.Late, 0, Ct);

        var result = await _app.Attendance().MarkAsync(AttendanceTestApp.Facilitator, _app.GroupId, Today, Member(2), AttendanceStatus.Present, 0, Ct);

        (result.Conflict, result.Error, result.Current!.Status).ShouldBe((true, "Sarah Begeleider zette dit intussen op Te laat. Er is niets overschreven.", (AttendanceStatus?)AttendanceStatus.Late));
    }

    [Fact]
    public async Task Mark_BeforeTheDayOfTheMeeting_IsRefusedClearly()
    {
        var next = _app.Meetings[7];

        var result = await _app.Attendance().MarkAsync(AttendanceTestApp.Facilitator, _app.GroupId, next.Id, Member(0), AttendanceStatus.Present, 0, Ct);
        var register = (await _app.Attendance().GetMeetingAsync(AttendanceTestApp.Facilitator, _app.GroupId, next.Id, Ct)).ShouldNotBeNull();

        (result.Succeeded, result.Error).ShouldBe((false, "De aanwezigheid vul je in vanaf de dag van de bijeenkomst."));
        (register.CanRecord, register.ReadOnlyReason).ShouldBe(
            (false, "De aanwezigheid vul je in vanaf de dag van de bijeenkomst (dinsdag 8 december 2026). De antwoorden van de leden zie je hier al."));
        await using var db = await _app.DbAsync(Ct);
        (await db.Set<AttendanceRecord>().CountAsync(Ct)).ShouldBe(0);
    }

    [Fact]
    public async Task Mark_CancelledMeeting_IsRefusedClearly()
    {
        await using (var db = await _app.DbAsync(Ct))
        {
            (await db.Set<Meeting>().SingleAsync(m => m.Id == _app.Meetings[5].Id, Ct)).Cancel(AttendanceTestApp.Now.AddDays(-20));
            await db.SaveChangesAsync(Ct);
        }

        var result = await _app.Attendance().MarkAsync(AttendanceTestApp.Facilitator, _app.GroupId, _app.Meetings[5].Id, Member(0), AttendanceStatus.Present, 0, Ct);

        (result.Succeeded, result.Error).ShouldBe((false, "Deze bijeenkomst is geannuleerd: er is geen aanwezigheid."));
    }

    [Fact]
    public async Task Close_WithMembersWithoutStatus_IsRefusedAndSaysHowMany()
    {
        await AnswerAsync(1, RsvpAnswer.CantCome, null);
        await _app.Attendance().MarkAsync(AttendanceTestApp.Facilitator, _app.GroupId, Today, Member(0), AttendanceStatus.Present, 0, Ct);

        var result = await _app.Attendance().CloseRegisterAsync(AttendanceTestApp.Facilitator, _app.GroupId, Today, Ct);

        (result.Succeeded, result.Missing, result.Error).ShouldBe(
            (false, 3, "Nog 3 leden zonder aanwezigheid. Kies hun status, of zet de overige op afwezig, en sluit dan af."));
        await using var db = await _app.DbAsync(Ct);
        (await db.Set<Meeting>().SingleAsync(m => m.Id == Today, Ct)).Status.ShouldBe(MeetingStatus.Scheduled);
        (await db.Set<AuditEvent>().CountAsync(Ct)).ShouldBe(0);
    }

    [Fact]
    public async Task Close_EveryMemberSet_MarksHeldRecordsTheSuggestedExcusedAndAudits()
    {
        await AnswerAsync(1, RsvpAnswer.CantCome, "Sorry!");
        var service = _app.Attendance();
        await service.MarkAsync(AttendanceTestApp.Facilitator, _app.GroupId, Today, Member(0), AttendanceStatus.Present, 0, Ct);
        await service.MarkAsync(AttendanceTestApp.Facilitator, _app.GroupId, Today, Member(2), AttendanceStatus.Late, 0, Ct);
        var rest = await service.MarkRestAbsentAsync(AttendanceTestApp.Facilitator, _app.GroupId, Today, Ct);

        var result = await service.CloseRegisterAsync(AttendanceTestApp.Facilitator, _app.GroupId, Today, Ct);

        (rest.Succeeded, result.Succeeded).ShouldBe((true, true));
        await using var db = await _app.DbAsync(Ct);
        var meeting = await db.Set<Meeting>().SingleAsync(m => m.Id == Today, Ct);
        (meeting.Status, meeting.HeldAt).ShouldBe((MeetingStatus.Held, (DateTimeOffset?)AttendanceTestApp.Now));
        var statuses = await db.Set<AttendanceRecord>().Where(a => a.MeetingId == Today).ToDictionaryAsync(a => a.MembershipId!.Value, a => a.Status, Ct);
        statuses.OrderBy(s => s.Key).ShouldBe(new Dictionary<Guid, AttendanceStatus>
        {
            [Member(0)] = AttendanceStatus.Present,
            [Member(1)] = AttendanceStatus.Excused,
            [Member(2)] = AttendanceStatus.Late,
            [Member(3)] = AttendanceStatus.Absent,
            [Member(4)] = AttendanceStatus.Absent,
        }.OrderBy(s => s.Key));
        var audit = await db.Set<AuditEvent>().SingleAsync(Ct);
        (audit.Kind, audit.ActorId, audit.EntityType, audit.EntityId, audit.GroupId, audit.OccurredAt).ShouldBe(
            (AuditKind.AttendanceRegisterClosed, AttendanceTestApp.FacilitatorOid, "Meeting", Today.ToString(), (Guid?)_app.GroupId, AttendanceTestApp.Now));

        var register = (await service.GetMeetingAsync(AttendanceTestApp.CoFacilitator, _app.GroupId, Today, Ct)).ShouldNotBeNull();
        (register.IsClosed, register.ClosedAt, register.ClosedBy, register.CanRecord).ShouldBe((true, (DateTimeOffset?)AttendanceTestApp.Now, "Pieter Begeleider", true));
        register.Summary.ShouldBe(new RegisterSummary(1, 1, 1, 2, 0));
    }

    [Fact]
    public async Task Mark_AfterTheRegisterWasClosed_IsAllowedAndAudited()
    {
        var service = _app.Attendance();
        await service.MarkRestAbsentAsync(AttendanceTestApp.Facilitator, _app.GroupId, Today, Ct);
        (await service.CloseRegisterAsync(AttendanceTestApp.Facilitator, _app.GroupId, Today, Ct)).Succeeded.ShouldBeTrue();
        _app.Clock.Advance(TimeSpan.FromDays(1));

        var result = await service.MarkAsync(AttendanceTestApp.CoFacilitator, _app.GroupId, Today, Member(3), AttendanceStatus.Late, 1, Ct);

        result.Succeeded.ShouldBeTrue();
        await using var db = await _app.DbAsync(Ct);
        var record = await db.Set<AttendanceRecord>().SingleAsync(a => a.MembershipId == Member(3), Ct);
        (record.Status, record.Version).ShouldBe((AttendanceStatus.Late, 2));
        var changed = await db.Set<AuditEvent>().Where(a => a.Kind == AuditKind.AttendanceChangedAfterClose).ToListAsync(Ct);
        changed.Select(a => (a.ActorId, a.EntityType, a.EntityId, a.GroupId, a.OccurredAt)).ShouldBe(
            [(AttendanceTestApp.CoFacilitatorOid, "AttendanceRecord", record.Id.ToString(), (Guid?)_app.GroupId, AttendanceTestApp.Now.AddDays(1))]);
        (await db.Set<AuditEvent>().CountAsync(Ct)).ShouldBe(2);
    }

    [Fact]
    public async Task GetMeeting_ErasedMember_ShownLastWithoutPseudonymAndCannotBeMarked()
    {
        await _app.Attendance().MarkAsync(AttendanceTestApp.Facilitator, _app.GroupId, Today, Member(3), AttendanceStatus.Present, 0, Ct);
        await using (var db = await _app.DbAsync(Ct))
        {
            (await db.Set<Membership>().SingleAsync(m => m.Id == Member(3), Ct)).EraseParticipant(AttendanceTestApp.Now);
            await db.SaveChangesAsync(Ct);
        }

        var register = (await _app.Attendance().GetMeetingAsync(AttendanceTestApp.Facilitator, _app.GroupId, Today, Ct)).ShouldNotBeNull();
        var result = await _app.Attendance().MarkAsync(AttendanceTestApp.Facilitator, _app.GroupId, Today, Member(3), AttendanceStatus.Absent, 1, Ct);

        register.Rows.Select(r => r.Pseudonym).ShouldBe(["Anna", "Bram", "Cato", "Eva", null]);
        (register.Rows[^1].IsErased, register.Rows[^1].Status).ShouldBe((true, (AttendanceStatus?)AttendanceStatus.Present));
        register.Summary.ShouldBe(new RegisterSummary(1, 0, 0, 0, 4));
        (result.Succeeded, result.Error).ShouldBe((false, "Dit lid hoort niet (meer) bij deze groep."));
    }

    [Fact]
    public async Task Mark_PublishesTheChangeForOpenPages()
    {
        var seen = new List<Guid>();
        var changes = _app.Services.GetService(typeof(AttendanceChanges)).ShouldBeOfType<AttendanceChanges>();
        changes.Changed += seen.Add;
        try
        {
            await _app.Attendance().MarkAsync(AttendanceTestApp.Facilitator, _app.GroupId, Today, Member(0), AttendanceStatus.Present, 0, Ct);
            await _app.Attendance().MarkAsync(AttendanceTestApp.OtherFacilitator, _app.GroupId, Today, Member(1), AttendanceStatus.Present, 0, Ct);
        }
        finally
        {
            changes.Changed -= seen.Add;
        }

        seen.ShouldBe([Today]);
    }

    private async Task AnswerAsync(int member, RsvpAnswer answer, string? message)
    {
        await using var db = await _app.DbAsync(Ct);
        var meeting = await db.Set<Meeting>().SingleAsync(m => m.Id == Today, Ct);
        var membership = await db.Set<Membership>().SingleAsync(m => m.Id == Member(member), Ct);
        db.Add(MeetingResponse.Give(meeting, membership, answer, message, meeting.StartsAt.AddDays(-1)));
        await db.SaveChangesAsync(Ct);
    }
}
