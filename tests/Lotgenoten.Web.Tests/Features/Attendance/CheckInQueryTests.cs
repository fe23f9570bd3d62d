using Lotgenoten.Domain.Attendance;
using Lotgenoten.Domain.Audit;
using Lotgenoten.Domain.Groups;
using Lotgenoten.Web.Features.Attendance;
using Microsoft.EntityFrameworkCore;

namespace Lotgenoten.Web.Tests.Features.Attendance;

/// <summary>
/// Who needs a check-in: two held meetings in a row absent without notice, while a member and since the last check-in.
/// Meetings (index): 0 = 1 Sep, 1 = 15 Sep, 2 = 29 Sep, 3 = 13 Oct, 4 = 27 Oct, 5 = 10 Nov, 6 = today, 7 = 8 Dec, 8 = 22 Dec.
/// Members: 0 Anna, 1 Bram, 2 Cato, 3 Dirk, 4 Eva (joined 20 October).
/// </summary>
public sealed class CheckInQueryTests : IAsyncLifetime
{
    private AttendanceTestApp _app = default!;

    public async ValueTask InitializeAsync() => _app = await AttendanceTestApp.CreateAsync();

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Get_TwoAbsencesInARow_FlagsTheMemberWithTheDatesMissed()
    {
        await _app.HoldAllPresentAsync(3, (2, AttendanceStatus.Absent));
        await _app.HoldAllPresentAsync(4, (2, AttendanceStatus.Absent));
        await _app.HoldAllPresentAsync(5, (2, AttendanceStatus.Absent));

        var items = await _app.CheckIns().GetAsync(AttendanceTestApp.Facilitator, Ct);

        var item = items.ShouldHaveSingleItem();
        (item.Pseudonym, item.GroupId, item.GroupName, item.MembershipId).ShouldBe(("Cato", _app.GroupId, "Dinsdag", _app.Members[2].Id));
        item.MissedMeetings.ShouldBe([new DateOnly(2026, 10, 27), new DateOnly(2026, 11, 10)]);
    }

    [Fact]
    public async Task Get_ExcusedInBetween_DoesNotFlag()
    {
        await _app.HoldAllPresentAsync(3, (2, AttendanceStatus.Absent));
        await _app.HoldAllPresentAsync(4, (2, AttendanceStatus.Excused));
        await _app.HoldAllPresentAsync(5, (2, AttendanceStatus.Absent));

        (await _app.CheckIns().GetAsync(AttendanceTestApp.Facilitator, Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Get_AbsentThenPresentLast_DoesNotFlag()
    {
        await _app.HoldAllPresentAsync(3, (1, AttendanceStatus.Absent));
        await _app.HoldAllPresentAsync(4, (1, AttendanceStatus.Absent));
        await _app.HoldAllPresentAsync(5, (1, AttendanceStatus.Late));

        (await _app.CheckIns().GetAsync(AttendanceTestApp.Facilitator, Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task MarkDone_RemovesTheMemberUntilTwoNewAbsences()
    {
        await _app.HoldAllPresentAsync(4, (2, AttendanceStatus.Absent));
        await _app.HoldAllPresentAsync(5, (2, AttendanceStatus.Absent));

        var done = await _app.CheckIns().MarkDoneAsync(AttendanceTestApp.CoFacilitator, _app.Members[2].Id, Ct);

        done.Succeeded.ShouldBeTrue();
        (await _app.CheckIns().GetAsync(AttendanceTestApp.Facilitator, Ct)).ShouldBeEmpty();
        await using (var db = await _app.DbAsync(Ct))
        {
            var membership = await db.Set<Membership>().SingleAsync(m => m.Id == _app.Members[2].Id, Ct);
            (membership.CheckInDoneAt, membership.CheckInDoneBy).ShouldBe(((DateTimeOffset?)AttendanceTestApp.Now, AttendanceTestApp.CoFacilitatorOid));
            var audit = await db.Set<AuditEvent>().SingleAsync(Ct);
            (audit.Kind, audit.ActorId, audit.EntityType, audit.EntityId, audit.GroupId).ShouldBe(
                (AuditKind.CheckInDone, AttendanceTestApp.CoFacilitatorOid, "Membership", _app.Members[2].Id.ToString(), (Guid?)_app.GroupId));
        }

        // Marking it again (the co-facilitator a moment later) changes nothing.
        (await _app.CheckIns().MarkDoneAsync(AttendanceTestApp.Facilitator, _app.Members[2].Id, Ct)).Succeeded.ShouldBeTrue();

        // Today's meeting started before the check-in: it does not count. One new absence is not enough; two are.
        await _app.HoldAllPresentAsync(6, (2, AttendanceStatus.Absent));
        _app.Clock.Advance(TimeSpan.FromDays(15));
        await _app.HoldAllPresentAsync(7, (2, AttendanceStatus.Absent));
        (await _app.CheckIns().GetAsync(AttendanceTestApp.Facilitator, Ct)).ShouldBeEmpty();
        _app.Clock.Advance(TimeSpan.FromDays(14));
        await _app.HoldAllPresentAsync(8, (2, AttendanceStatus.Absent));

        var again = (await _app.CheckIns().GetAsync(AttendanceTestApp.Facilitator, Ct)).ShouldHaveSingleItem();
        again.MissedMeetings.ShouldBe([new DateOnly(2026, 12, 8), new DateOnly(2026, 12, 22)]);
        await using var check = await _app.DbAsync(Ct);
        (await check.Set<AuditEvent>().CountAsync(Ct)).ShouldBe(1);
    }

    [Fact]
    public async Task Get_MemberWhoJoinedLate_CountsOnlyMeetingsSinceJoining()
    {
        await _app.HoldAllPresentAsync(2);
        await _app.HoldAllPresentAsync(3);
        await _app.HoldAllPresentAsync(4, (4, AttendanceStatus.Absent));

        (await _app.CheckIns().GetAsync(AttendanceTestApp.Facilitator, Ct)).ShouldBeEmpty();

        await _app.HoldAllPresentAsync(5, (4, AttendanceStatus.Absent));
        var item = (await _app.CheckIns().GetAsync(AttendanceTestApp.Facilitator, Ct)).ShouldHaveSingleItem();
        (item.Pseudonym, item.MissedMeetings.Count).ShouldBe(("Eva", 2));
    }

    [Fact]
    public async Task Get_WhoSeesWhat_OwnGroupsForFacilitatorsAllForCoordinators()
    {
        await _app.HoldAllPresentAsync(4, (0, AttendanceStatus.Absent));
        await _app.HoldAllPresentAsync(5, (0, AttendanceStatus.Absent));

        (await _app.CheckIns().GetAsync(AttendanceTestApp.Coordinator, Ct)).Select(i => i.Pseudonym).ShouldBe(["Anna"]);
        (await _app.CheckIns().GetAsync(AttendanceTestApp.OtherFacilitator, Ct)).ShouldBeEmpty();
        (await _app.CheckIns().MarkDoneAsync(AttendanceTestApp.OtherFacilitator, _app.Members[0].Id, Ct)).Succeeded.ShouldBeFalse();
        await Should.ThrowAsync<UnauthorizedAccessException>(() => _app.CheckIns().GetAsync(AttendanceTestApp.Counsellor, Ct));
        await Should.ThrowAsync<UnauthorizedAccessException>(() => _app.CheckIns().GetAsync(AttendanceTestApp.Participant, Ct));
        await Should.ThrowAsync<UnauthorizedAccessException>(() => _app.CheckIns().MarkDoneAsync(AttendanceTestApp.Counsellor, _app.Members[0].Id, Ct));

        (await _app.CheckIns().MarkDoneAsync(AttendanceTestApp.Coordinator, _app.Members[0].Id, Ct)).Succeeded.ShouldBeTrue();
        (await _app.CheckIns().GetAsync(AttendanceTestApp.Facilitator, Ct)).ShouldBeEmpty();
    }
}
