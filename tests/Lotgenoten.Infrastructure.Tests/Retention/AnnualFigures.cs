using Lotgenoten.Domain.Attendance;
using Lotgenoten.Domain.Common;
using Lotgenoten.Domain.Groups;
using Lotgenoten.Domain.Meetings;
using Lotgenoten.Domain.Notes;
using Lotgenoten.Domain.Referrals;
using Lotgenoten.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Lotgenoten.Infrastructure.Tests.Retention;

/// <summary>
/// The annual figures of DOMAIN.md "The annual figures" as plain queries over a calendar year in Brussels: what the
/// figures service of issue 7 will have to agree with, and what retention may never change for a past year.
/// Aggregated in SQL, as reports must be. Every figure is counted from rows retention keeps (referrals, memberships,
/// meetings, attendance rows, concerns); none from what it erases (e-mail addresses, note texts, attendance links).
/// </summary>
/// <remarks>
/// "Members who completed": memberships that ended as <see cref="MembershipStatus.Completed"/> (active when the group
/// closed) and attended at least half of the meetings held while they were members. Attendance per member is unlinked by
/// retention 30 days after the membership ends, so the number attended is taken from
/// <see cref="Membership.AttendedMeetings"/> once kept, and counted from the linked rows before that.
/// </remarks>
internal sealed record AnnualFigures(
    int Year,
    int ReferralsReceived,
    IReadOnlyDictionary<Relation, int> ReceivedByRelation,
    int IntakesHeld,
    int Placed,
    int Joined,
    int EffectiveStartNumerator,
    IReadOnlyList<int> DaysToFirstAttendance,
    int Attendances,
    int MeetingsHeld,
    int MeetingsCancelled,
    int MembersCompleted,
    int MembersWithdrawn,
    int ConcernsRaised,
    int ConcernsHandled)
{
    public static async Task<AnnualFigures> ComputeAsync(LotgenotenDbContext db, int year, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var first = new DateOnly(year, 1, 1);
        var next = new DateOnly(year + 1, 1, 1);
        var from = BrusselsTime.StartOfDay(first);
        var to = BrusselsTime.StartOfDay(next);

        var referrals = db.Set<Referral>().AsNoTracking();
        var memberships = db.Set<Membership>().AsNoTracking();
        var meetings = db.Set<Meeting>().AsNoTracking();

        var received = await referrals.CountAsync(r => r.ReceivedOn >= first && r.ReceivedOn < next, ct);
        var byRelation = await referrals.Where(r => r.ReceivedOn >= first && r.ReceivedOn < next)
            .GroupBy(r => r.Relation)
            .Select(g => new { Relation = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Relation, g => g.Count, ct);
        var intakes = await referrals.CountAsync(r => r.IntakeHeldOn >= first && r.IntakeHeldOn < next, ct);

        // Placed and joined count placements (memberships), so a relative placed twice counts twice, as invitations do.
        var placed = await memberships.CountAsync(m => m.PlacedAt >= from && m.PlacedAt < to, ct);
        var joined = await memberships.CountAsync(m => m.JoinedAt >= from && m.JoinedAt < to, ct);
        var effective = await memberships.CountAsync(m => m.PlacedAt >= from && m.PlacedAt < to && m.FirstAttendedAt != null, ct);

        // Days from referral to first attended meeting, for members whose first meeting fell in the year (median and P90 come from these).
        var firsts = await memberships
            .Where(m => m.FirstAttendedAt >= from && m.FirstAttendedAt < to)
            .Join(referrals, m => m.ReferralId, r => r.Id, (m, r) => new { m.FirstAttendedAt, r.ReceivedOn })
            .ToListAsync(ct);
        var days = firsts
            .Select(f => BrusselsTime.Today(f.FirstAttendedAt!.Value).DayNumber - f.ReceivedOn.DayNumber)
            .Order()
            .ToList();

        var attendances = await db.Set<AttendanceRecord>().AsNoTracking()
            .Where(a => a.Status == AttendanceStatus.Present || a.Status == AttendanceStatus.Late)
            .Join(meetings, a => a.MeetingId, m => m.Id, (a, m) => m.StartsAt)
            .CountAsync(startsAt => startsAt >= from && startsAt < to, ct);
        var held = await meetings.CountAsync(m => m.Status == MeetingStatus.Held && m.StartsAt >= from && m.StartsAt < to, ct);
        var cancelled = await meetings.CountAsync(m => m.Status == MeetingStatus.Cancelled && m.StartsAt >= from && m.StartsAt < to, ct);
        var attendance = db.Set<AttendanceRecord>().AsNoTracking();
        var completed = await memberships
            .Where(m => m.Status == MembershipStatus.Completed && m.EndedAt >= from && m.EndedAt < to)
            .Select(m => new
            {
                Attended = m.AttendedMeetings ?? attendance.Count(a => a.MembershipId == m.Id
                    && (a.Status == AttendanceStatus.Present || a.Status == AttendanceStatus.Late)),
                Held = meetings.Count(x => x.GroupId == m.GroupId && x.Status == MeetingStatus.Held
                    && x.StartsAt >= m.JoinedAt && x.StartsAt <= m.EndedAt),
            })
            .CountAsync(x => x.Attended * 2 >= x.Held, ct);
        var withdrawn = await memberships.CountAsync(m => m.Status == MembershipStatus.Withdrawn && m.EndedAt >= from && m.EndedAt < to, ct);
        var concerns = db.Set<SafeguardingConcern>().AsNoTracking();
        var raised = await concerns.CountAsync(c => c.RaisedAt >= from && c.RaisedAt < to, ct);
        var handled = await concerns.CountAsync(c => c.Status == ConcernStatus.Handled && c.HandledAt >= from && c.HandledAt < to, ct);

        return new AnnualFigures(year, received, byRelation, intakes, placed, joined, effective, days, attendances, held, cancelled,
            completed, withdrawn, raised, handled);
    }

    /// <summary>Equal figure by figure (the dictionary and list compared by content), for readable failures.</summary>
    public void ShouldEqual(AnnualFigures other)
    {
        ArgumentNullException.ThrowIfNull(other);
        this.ShouldSatisfyAllConditions(
            () => other.Year.ShouldBe(Year),
            () => other.ReferralsReceived.ShouldBe(ReferralsReceived, $"{Year}: referrals received"),
            () => other.ReceivedByRelation.OrderBy(p => p.Key).ShouldBe(ReceivedByRelation.OrderBy(p => p.Key), $"{Year}: by relation"),
            () => other.IntakesHeld.ShouldBe(IntakesHeld, $"{Year}: intakes held"),
            () => other.Placed.ShouldBe(Placed, $"{Year}: placed"),
            () => other.Joined.ShouldBe(Joined, $"{Year}: joined"),
            () => other.EffectiveStartNumerator.ShouldBe(EffectiveStartNumerator, $"{Year}: effective start"),
            () => other.DaysToFirstAttendance.ShouldBe(DaysToFirstAttendance, $"{Year}: days to first attendance"),
            () => other.Attendances.ShouldBe(Attendances, $"{Year}: attendances"),
            () => other.MeetingsHeld.ShouldBe(MeetingsHeld, $"{Year}: meetings held"),
            () => other.MeetingsCancelled.ShouldBe(MeetingsCancelled, $"{Year}: meetings cancelled"),
            () => other.MembersCompleted.ShouldBe(MembersCompleted, $"{Year}: completed"),
            () => other.MembersWithdrawn.ShouldBe(MembersWithdrawn, $"{Year}: withdrawn"),
            () => other.ConcernsRaised.ShouldBe(ConcernsRaised, $"{Year}: concerns raised"),
            () => other.ConcernsHandled.ShouldBe(ConcernsHandled, $"{Year}: concerns handled"));
    }
}
