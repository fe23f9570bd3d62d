using Lotgenoten.Domain.Attendance;
using Lotgenoten.Domain.Common;
using Lotgenoten.Domain.Groups;
using Lotgenoten.Domain.Meetings;
using Lotgenoten.Domain.Notes;
using Lotgenoten.Domain.Referrals;
using Lotgenoten.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Lotgenoten.Infrastructure.Figures;

/// <summary>
/// Computes the figures of a period in the database: every figure is a grouped or counted query (a few dozen rows come
/// back, never the rows of a year), except the days to a first meeting, which come back as one number per member who
/// started (the percentiles are taken here, the same way on SQLite and PostgreSQL).
/// <para>
/// Nothing here reads what retention or an erasure removes: e-mail addresses, note texts, pseudonyms and the link from an
/// attendance row to its member play no part (a completed member's attendance is counted from the kept
/// <see cref="Membership.AttendedMeetings"/> once the rows are unlinked), so purging never changes a past period.
/// </para>
/// </summary>
public static class FiguresQuery
{
    public static async Task<PeriodFigures> ComputeAsync(LotgenotenDbContext db, FiguresPeriod period, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(period);
        if (!period.IsValid)
        {
            throw new ArgumentException("The period is not valid.", nameof(period));
        }

        var (from, to, start, end) = (period.From, period.To, period.StartUtc, period.EndUtc);
        var referrals = db.Set<Referral>().AsNoTracking();
        var memberships = db.Set<Membership>().AsNoTracking();
        var meetings = db.Set<Meeting>().AsNoTracking();
        var attendance = db.Set<AttendanceRecord>().AsNoTracking();
        var groups = db.Set<PeerGroup>().AsNoTracking();
        var concerns = db.Set<SafeguardingConcern>().AsNoTracking();

        var received = referrals.Where(r => r.ReceivedOn >= from && r.ReceivedOn <= to);
        var receivedTotal = await received.LongCountAsync(ct);
        var referralsReceived = new CountFigure(receivedTotal, new Dictionary<string, IReadOnlyList<KeyValuePair<string, long>>>
        {
            ["byRelation"] = Fill(await received.GroupBy(r => r.Relation).Select(g => new { g.Key, Count = g.LongCount() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct)),
            ["byConcern"] = Fill(await received.GroupBy(r => r.Concern).Select(g => new { g.Key, Count = g.LongCount() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct)),
            ["byChannel"] = Fill(await received.GroupBy(r => r.Channel).Select(g => new { g.Key, Count = g.LongCount() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct)),
            ["byLanguage"] = Fill(await received.GroupBy(r => r.Language).Select(g => new { g.Key, Count = g.LongCount() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct)),
            ["byRegion"] = Fill(await received.GroupBy(r => r.Region).Select(g => new { g.Key, Count = g.LongCount() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct)),
        });

        var placedInPeriod = memberships.Where(m => m.PlacedAt >= start && m.PlacedAt < end);
        var firstMeetings = await (
                from m in memberships
                where m.FirstAttendedAt >= start && m.FirstAttendedAt < end
                join r in referrals on m.ReferralId equals r.Id
                select new { r.ReceivedOn, m.FirstAttendedAt })
            .ToListAsync(ct);

        // On the waiting list at the end: entered "waiting" more often than it left it before that instant (counting
        // is immune to two changes in one save sharing a timestamp).
        var waiting = referrals.Where(r =>
            r.History.Count(h => h.To == ReferralStatus.Waiting && h.ChangedAt < end)
            > r.History.Count(h => h.From == ReferralStatus.Waiting && h.ChangedAt < end));
        // The count and the earliest date in one query (the history is read once, not twice).
        var waitingSummary = await waiting
            .GroupBy(r => 1)
            .Select(g => new { Count = g.LongCount(), Since = g.Min(r => (DateOnly?)r.ReceivedOn) })
            .SingleOrDefaultAsync(ct);
        var waitingAtEnd = waitingSummary?.Count ?? 0;
        var longestWaitingSince = waitingSummary?.Since;

        var held = meetings.Where(m => m.Status == MeetingStatus.Held && m.Date >= from && m.Date <= to);
        var attendances = await (
                from a in attendance
                join m in held on a.MeetingId equals m.Id
                where a.Status == AttendanceStatus.Present || a.Status == AttendanceStatus.Late
                select a.Id)
            .LongCountAsync(ct);
        var expected = await (
                from m in held
                from ms in memberships
                where ms.GroupId == m.GroupId && ms.JoinedAt != null && ms.JoinedAt <= m.EndsAt
                    && (ms.EndedAt == null || ms.EndedAt >= m.StartsAt)
                select ms.Id)
            .LongCountAsync(ct);

        var completed = await memberships
            .Where(ms => ms.Status == MembershipStatus.Completed && ms.EndedAt >= start && ms.EndedAt < end)
            .Select(ms => new
            {
                Held = meetings.Count(m => m.GroupId == ms.GroupId && m.Status == MeetingStatus.Held
                    && m.EndsAt >= ms.JoinedAt && m.StartsAt <= ms.EndedAt),
                Attended = ms.AttendedMeetings ?? attendance.Count(a => a.MembershipId == ms.Id
                    && (a.Status == AttendanceStatus.Present || a.Status == AttendanceStatus.Late)),
            })
            .LongCountAsync(x => x.Attended * 2 >= x.Held, ct);

        var withdrawnByReason = await memberships
            .Where(ms => ms.Status == MembershipStatus.Withdrawn && ms.EndedAt >= start && ms.EndedAt < end)
            .GroupBy(ms => ms.EndReason)
            .Select(g => new { g.Key, Count = g.LongCount() })
            .ToListAsync(ct);

        return new PeriodFigures
        {
            Period = period,
            ReferralsReceived = referralsReceived,
            IntakesHeld = await referrals.LongCountAsync(r => r.IntakeHeldOn >= from && r.IntakeHeldOn <= to, ct),
            Placed = await placedInPeriod.LongCountAsync(ct),
            Joined = await memberships.LongCountAsync(m => m.JoinedAt >= start && m.JoinedAt < end, ct),
            StartedOfPlaced = await placedInPeriod.LongCountAsync(m => m.FirstAttendedAt != null && m.FirstAttendedAt < end, ct),
            DaysToFirstMeeting = firstMeetings
                .Select(x => BrusselsTime.Today(x.FirstAttendedAt!.Value).DayNumber - x.ReceivedOn.DayNumber)
                .Order()
                .ToList(),
            WaitingAtEnd = waitingAtEnd,
            LongestWaitDays = longestWaitingSince is { } since ? to.DayNumber - since.DayNumber : null,
            GroupsStarted = await groups.LongCountAsync(g => g.StartedOn >= from && g.StartedOn <= to, ct),
            GroupsRunning = await groups.LongCountAsync(g => g.StartedOn != null && g.StartedOn <= to && (g.ClosedOn == null || g.ClosedOn >= from), ct),
            GroupsClosed = await groups.LongCountAsync(g => g.StartedOn != null && g.ClosedOn >= from && g.ClosedOn <= to, ct),
            MeetingsHeld = await held.LongCountAsync(ct),
            MeetingsCancelled = await meetings.LongCountAsync(m => m.Status == MeetingStatus.Cancelled && m.Date >= from && m.Date <= to, ct),
            Attendances = attendances,
            ExpectedAttendances = expected,
            Completed = completed,
            Withdrawn = new CountFigure(withdrawnByReason.Sum(x => x.Count), new Dictionary<string, IReadOnlyList<KeyValuePair<string, long>>>
            {
                ["byReason"] = Fill(withdrawnByReason
                    .GroupBy(x => x.Key ?? WithdrawalReason.Other)
                    .ToDictionary(g => g.Key, g => g.Sum(x => x.Count))),
            }),
            ConcernsRaised = await concerns.LongCountAsync(c => c.RaisedAt >= start && c.RaisedAt < end, ct),
            ConcernsHandled = await concerns.LongCountAsync(c => c.HandledAt >= start && c.HandledAt < end, ct),
        };
    }

    /// <summary>Every value of the enum in declaration order, with its count or zero (shared with <see cref="DashboardQuery"/>).</summary>
    internal static List<KeyValuePair<string, long>> Fill<TEnum>(IReadOnlyDictionary<TEnum, long> counts)
        where TEnum : struct, Enum =>
        [.. Enum.GetValues<TEnum>().Select(value => KeyValuePair.Create(value.ToString(), counts.GetValueOrDefault(value)))];
}
