using Lotgenoten.Domain.Attendance;
using Lotgenoten.Domain.Common;
using Lotgenoten.Domain.Groups;
using Lotgenoten.Domain.Meetings;
using Lotgenoten.Domain.Referrals;
using Lotgenoten.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Lotgenoten.Infrastructure.Figures;

/// <summary>
/// Computes a dashboard in the database: every figure is a counted or grouped query (a few dozen small rows come back),
/// except the waiting list's days, which come back as one date per referral waiting now (a list of at most hundreds) so
/// that the median is taken here the same way on SQLite and PostgreSQL. About twenty round trips per dashboard.
/// <para>
/// The funnel is a cohort: for everything, the referrals received in the period; for some groups, the memberships of
/// those groups placed in the period. Each stage counts those of the cohort that reached it by <c>now</c>, and each count
/// is exactly the count of <see cref="ReferralsAt"/> or <see cref="MembershipsAt"/>, so the list behind a figure always
/// lists what the figure counts. Attendance follows <see cref="FiguresQuery"/>'s definitions exactly.
/// </para>
/// </summary>
public static class DashboardQuery
{
    /// <summary>The stages of a group scope's funnel, in order.</summary>
    public static IReadOnlyList<FunnelStage> GroupStages { get; } =
        [FunnelStage.Placed, FunnelStage.Joined, FunnelStage.Started, FunnelStage.Completed, FunnelStage.Withdrawn];

    /// <param name="db">A short-lived context.</param>
    /// <param name="period">The period (whole days in Brussels); must be valid (<see cref="FiguresPeriod.IsValid"/>).</param>
    /// <param name="scope">Everything, or some groups.</param>
    /// <param name="now">The current instant (for the waiting list now and "up to now" stages).</param>
    /// <param name="ct">Cancellation.</param>
    public static async Task<DashboardFigures> ComputeAsync(LotgenotenDbContext db, FiguresPeriod period, DashboardScope scope, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(period);
        ArgumentNullException.ThrowIfNull(scope);
        if (!period.IsValid)
        {
            throw new ArgumentException("The period is not valid.", nameof(period));
        }

        now = now.ToUniversalTime();
        var referrals = db.Set<Referral>().AsNoTracking();

        var funnel = new List<FunnelStep>();
        IQueryable<Referral> cohortReferrals;
        if (scope.GroupIds is { } groupIds)
        {
            foreach (var stage in GroupStages)
            {
                funnel.Add(new FunnelStep(stage, await MembershipsAt(db, period, groupIds, stage, now).LongCountAsync(ct)));
            }

            // One row per membership of the cohort (a referral placed twice in these groups counts twice).
            cohortReferrals =
                from m in MembershipsAt(db, period, groupIds, FunnelStage.Placed, now)
                join r in referrals on m.ReferralId equals r.Id
                select r;
        }
        else
        {
            foreach (var stage in Enum.GetValues<FunnelStage>())
            {
                funnel.Add(new FunnelStep(stage, await ReferralsAt(db, period, stage, now).LongCountAsync(ct)));
            }

            cohortReferrals = ReferralsAt(db, period, FunnelStage.Received, now);
        }

        var byRelation = await cohortReferrals.GroupBy(r => r.Relation).Select(g => new { g.Key, Count = g.LongCount() })
            .ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        var byConcern = await cohortReferrals.GroupBy(r => r.Concern).Select(g => new { g.Key, Count = g.LongCount() })
            .ToDictionaryAsync(x => x.Key, x => x.Count, ct);

        var (groups, months) = await AttendanceAsync(db, period, scope, now, ct);

        return new DashboardFigures
        {
            Period = period,
            Scope = scope,
            Funnel = funnel,
            WaitingList = scope.IsAll ? await WaitingNowAsync(referrals, now, ct) : null,
            Groups = groups,
            AttendanceByMonth = months,
            ByRelation = FiguresQuery.Fill(byRelation),
            ByConcern = FiguresQuery.Fill(byConcern),
        };
    }

    /// <summary>
    /// The referrals of the period's cohort (received in the period) that reached <paramref name="stage"/> by
    /// <paramref name="now"/>: the funnel's count for the All scope is exactly this query's count, and the list behind the
    /// figure lists exactly these (untracked; order them as you list them).
    /// <list type="bullet">
    /// <item>Received: the cohort. Intake: an intake was held (on or before today). Waiting: its history entered Waiting.</item>
    /// <item>Placed / Joined / Started: it has a membership placed / joined / first attended (a referral placed twice counts once).</item>
    /// <item>Completed: it has a completed membership that attended at least half the meetings held while a member.</item>
    /// <item>Withdrawn / Declined / Unreachable: its status now.</item>
    /// </list>
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">An undefined stage.</exception>
    public static IQueryable<Referral> ReferralsAt(LotgenotenDbContext db, FiguresPeriod period, FunnelStage stage, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(period);
        now = now.ToUniversalTime();
        var (from, to, today) = (period.From, period.To, BrusselsTime.Today(now));
        var cohort = db.Set<Referral>().AsNoTracking().Where(r => r.ReceivedOn >= from && r.ReceivedOn <= to);
        var memberships = db.Set<Membership>().AsNoTracking();
        return stage switch
        {
            FunnelStage.Received => cohort,
            FunnelStage.Intake => cohort.Where(r => r.IntakeHeldOn != null && r.IntakeHeldOn <= today),
            FunnelStage.Waiting => cohort.Where(r => r.History.Any(h => h.To == ReferralStatus.Waiting && h.ChangedAt <= now)),
            FunnelStage.Placed => cohort.Where(r => memberships.Any(m => m.ReferralId == r.Id && m.PlacedAt <= now)),
            FunnelStage.Joined => cohort.Where(r => memberships.Any(m => m.ReferralId == r.Id && m.JoinedAt != null && m.JoinedAt <= now)),
            FunnelStage.Started => cohort.Where(r => memberships.Any(m => m.ReferralId == r.Id && m.FirstAttendedAt != null && m.FirstAttendedAt <= now)),
            FunnelStage.Completed => WithCompleted(db, cohort, now),
            FunnelStage.Withdrawn => WithStatus(cohort, ReferralStatus.Withdrawn, now),
            FunnelStage.Declined => WithStatus(cohort, ReferralStatus.Declined, now),
            FunnelStage.Unreachable => WithStatus(cohort, ReferralStatus.Unreachable, now),
            _ => throw new ArgumentOutOfRangeException(nameof(stage), stage, "Not a funnel stage."),
        };
    }

    /// <summary>
    /// The memberships of <paramref name="groupIds"/> placed in the period that reached <paramref name="stage"/> (Placed,
    /// Joined, Started, Completed or Withdrawn) by <paramref name="now"/>: the funnel of a group scope (untracked). A stage
    /// that precedes placement (Received, Intake, Waiting, Declined, Unreachable) and an empty list of groups give none.
    /// <list type="bullet">
    /// <item>Placed: the cohort (placed in the period). Joined / Started: joined / first attended by now.</item>
    /// <item>Completed: completed, and attended at least half the meetings held while a member.</item>
    /// <item>Withdrawn: the membership is withdrawn (by now).</item>
    /// </list>
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">An undefined stage.</exception>
    public static IQueryable<Membership> MembershipsAt(LotgenotenDbContext db, FiguresPeriod period, IReadOnlyList<Guid> groupIds, FunnelStage stage, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(period);
        ArgumentNullException.ThrowIfNull(groupIds);
        now = now.ToUniversalTime();
        var ids = groupIds.ToList();
        var (start, end) = (period.StartUtc, period.EndUtc);
        var cohort = db.Set<Membership>().AsNoTracking()
            .Where(m => ids.Contains(m.GroupId) && m.PlacedAt >= start && m.PlacedAt < end && m.PlacedAt <= now);
        return stage switch
        {
            FunnelStage.Placed => cohort,
            FunnelStage.Joined => cohort.Where(m => m.JoinedAt != null && m.JoinedAt <= now),
            FunnelStage.Started => cohort.Where(m => m.FirstAttendedAt != null && m.FirstAttendedAt <= now),
            FunnelStage.Completed => CompletedEnough(db, cohort, now),
            FunnelStage.Withdrawn => cohort.Where(m => m.Status == MembershipStatus.Withdrawn && m.EndedAt <= now),
            FunnelStage.Received or FunnelStage.Intake or FunnelStage.Waiting or FunnelStage.Declined or FunnelStage.Unreachable =>
                cohort.Where(_ => false),
            _ => throw new ArgumentOutOfRangeException(nameof(stage), stage, "Not a funnel stage."),
        };
    }

    /// <summary>The meetings held in the period (by their Brussels date), of the scope's groups: the meetings behind the attendance figures (untracked).</summary>
    public static IQueryable<Meeting> HeldMeetings(LotgenotenDbContext db, FiguresPeriod period, DashboardScope scope)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(period);
        ArgumentNullException.ThrowIfNull(scope);
        var (from, to) = (period.From, period.To);
        var held = db.Set<Meeting>().AsNoTracking()
            .Where(m => m.Status == MeetingStatus.Held && m.Date >= from && m.Date <= to);
        if (scope.GroupIds is { } groupIds)
        {
            var ids = groupIds.ToList();
            held = held.Where(m => ids.Contains(m.GroupId));
        }

        return held;
    }

    private static IQueryable<Referral> WithStatus(IQueryable<Referral> cohort, ReferralStatus status, DateTimeOffset now) =>
        cohort.Where(r => r.Status == status && r.StatusChangedAt <= now);

    private static IQueryable<Referral> WithCompleted(LotgenotenDbContext db, IQueryable<Referral> cohort, DateTimeOffset now)
    {
        var completed = CompletedEnough(db, db.Set<Membership>().AsNoTracking(), now);
        return cohort.Where(r => completed.Any(m => m.ReferralId == r.Id));
    }

    /// <summary>
    /// Completed memberships that attended at least half the meetings held while members, exactly as
    /// <see cref="FiguresQuery"/> counts them (the kept <see cref="Membership.AttendedMeetings"/> once the rows are unlinked).
    /// </summary>
    private static IQueryable<Membership> CompletedEnough(LotgenotenDbContext db, IQueryable<Membership> memberships, DateTimeOffset now)
    {
        var meetings = db.Set<Meeting>().AsNoTracking();
        var attendance = db.Set<AttendanceRecord>().AsNoTracking();
        return memberships.Where(ms => ms.Status == MembershipStatus.Completed && ms.EndedAt <= now
            && (ms.AttendedMeetings ?? attendance.Count(a => a.MembershipId == ms.Id
                && (a.Status == AttendanceStatus.Present || a.Status == AttendanceStatus.Late))) * 2
            >= meetings.Count(m => m.GroupId == ms.GroupId && m.Status == MeetingStatus.Held
                && m.EndsAt >= ms.JoinedAt && m.StartsAt <= ms.EndedAt));
    }

    /// <summary>The waiting list now: its dates come back (one per waiting referral) for the median; the rest is counted.</summary>
    private static async Task<WaitingNow> WaitingNowAsync(IQueryable<Referral> referrals, DateTimeOffset now, CancellationToken ct)
    {
        var waiting = referrals.Where(r => r.Status == ReferralStatus.Waiting);
        var today = BrusselsTime.Today(now);
        var days = (await waiting.Select(r => r.ReceivedOn).ToListAsync(ct))
            .Select(received => Math.Max(0, today.DayNumber - received.DayNumber))
            .ToList();
        var byLanguage = await waiting.GroupBy(r => r.Language).Select(g => new { g.Key, Count = g.LongCount() })
            .ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        var byRegion = await waiting.GroupBy(r => r.Region).Select(g => new { g.Key, Count = g.LongCount() })
            .ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        return new WaitingNow(
            days.Count,
            PeriodFigures.Percentile(days, 50),
            days.Count == 0 ? null : days.Max(),
            FiguresQuery.Fill(byLanguage),
            FiguresQuery.Fill(byRegion));
    }

    /// <summary>
    /// The groups and the months: held meetings, attendances and expected attendances come back grouped by group and
    /// month (at most groups × months small rows), then are summed per group and per month here.
    /// </summary>
    private static async Task<(List<GroupFill> Groups, List<MonthAttendance> Months)> AttendanceAsync(
        LotgenotenDbContext db, FiguresPeriod period, DashboardScope scope, DateTimeOffset now, CancellationToken ct)
    {
        var (from, end) = (period.From, period.EndUtc);
        var memberships = db.Set<Membership>().AsNoTracking();
        var attendance = db.Set<AttendanceRecord>().AsNoTracking();

        var inScope = db.Set<PeerGroup>().AsNoTracking();
        if (scope.GroupIds is { } groupIds)
        {
            var scopeIds = groupIds.ToList();
            inScope = inScope.Where(g => scopeIds.Contains(g.Id));
        }

        var groups = await inScope
            .Where(g => (g.ClosedOn == null || g.ClosedOn >= from) && g.CreatedAt < end && g.CreatedAt <= now)
            .Select(g => new { g.Id, g.Name, g.Status, g.MaximumSize })
            .ToListAsync(ct);
        var ids = groups.Select(g => g.Id).ToList();
        var members = await memberships
            .Where(m => ids.Contains(m.GroupId)
                && (m.Status == MembershipStatus.Invited || m.Status == MembershipStatus.Joined || m.Status == MembershipStatus.Active))
            .GroupBy(m => m.GroupId)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Key, x => x.Count, ct);

        var held = HeldMeetings(db, period, scope);
        var meetingsHeld = await held
            .GroupBy(m => new { m.GroupId, m.Date.Year, m.Date.Month })
            .Select(g => new Cell(g.Key.GroupId, g.Key.Year, g.Key.Month, g.LongCount()))
            .ToListAsync(ct);
        var attended = await (
                from a in attendance
                join m in held on a.MeetingId equals m.Id
                where a.Status == AttendanceStatus.Present || a.Status == AttendanceStatus.Late
                select new { m.GroupId, m.Date.Year, m.Date.Month })
            .GroupBy(x => new { x.GroupId, x.Year, x.Month })
            .Select(g => new Cell(g.Key.GroupId, g.Key.Year, g.Key.Month, g.LongCount()))
            .ToListAsync(ct);
        var expected = await (
                from m in held
                from ms in memberships
                where ms.GroupId == m.GroupId && ms.JoinedAt != null && ms.JoinedAt <= m.EndsAt
                    && (ms.EndedAt == null || ms.EndedAt >= m.StartsAt)
                select new { m.GroupId, m.Date.Year, m.Date.Month })
            .GroupBy(x => new { x.GroupId, x.Year, x.Month })
            .Select(g => new Cell(g.Key.GroupId, g.Key.Year, g.Key.Month, g.LongCount()))
            .ToListAsync(ct);

        var fills = groups
            .OrderBy(g => g.Name, StringComparer.OrdinalIgnoreCase)
            .ThenBy(g => g.Name, StringComparer.Ordinal)
            .ThenBy(g => g.Id)
            .Select(g => new GroupFill(
                g.Id,
                g.Name,
                g.Status,
                members.GetValueOrDefault(g.Id),
                g.MaximumSize,
                (int)meetingsHeld.Where(c => c.GroupId == g.Id).Sum(c => c.Count),
                attended.Where(c => c.GroupId == g.Id).Sum(c => c.Count),
                expected.Where(c => c.GroupId == g.Id).Sum(c => c.Count)))
            .ToList();

        var months = new List<MonthAttendance>();
        for (var month = new DateOnly(period.From.Year, period.From.Month, 1); month <= period.To; month = month.AddMonths(1))
        {
            bool InMonth(Cell c) => c.Year == month.Year && c.Month == month.Month;
            months.Add(new MonthAttendance(
                month.Year,
                month.Month,
                (int)meetingsHeld.Where(InMonth).Sum(c => c.Count),
                attended.Where(InMonth).Sum(c => c.Count),
                expected.Where(InMonth).Sum(c => c.Count)));
        }

        return (fills, months);
    }

    /// <summary>A count for one group in one month.</summary>
    private sealed record Cell(Guid GroupId, int Year, int Month, long Count);
}
