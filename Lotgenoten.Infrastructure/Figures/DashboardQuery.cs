using Lotgenoten.Domain.Groups;
using Lotgenoten.Domain.Meetings;
using Lotgenoten.Domain.Referrals;
using Lotgenoten.Infrastructure.Data;

namespace Lotgenoten.Infrastructure.Figures;

/// <summary>
/// Computes a dashboard in the database (grouped and counted queries; never the rows of a period). STUB: the contract
/// only; H1 implements it.
/// </summary>
public static class DashboardQuery
{
    /// <param name="db">A short-lived context.</param>
    /// <param name="period">The period (whole days in Brussels).</param>
    /// <param name="scope">Everything, or some groups.</param>
    /// <param name="now">The current instant (for the waiting list now and "up to now" stages).</param>
    /// <param name="ct">Cancellation.</param>
    public static Task<DashboardFigures> ComputeAsync(LotgenotenDbContext db, FiguresPeriod period, DashboardScope scope, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(period);
        ArgumentNullException.ThrowIfNull(scope);
        ct.ThrowIfCancellationRequested();
        var stages = scope.IsAll
            ? Enum.GetValues<FunnelStage>()
            : [FunnelStage.Placed, FunnelStage.Joined, FunnelStage.Started, FunnelStage.Completed, FunnelStage.Withdrawn];
        return Task.FromResult(new DashboardFigures
        {
            Period = period,
            Scope = scope,
            Funnel = [.. stages.Select(s => new FunnelStep(s, 0))],
            WaitingList = scope.IsAll ? new WaitingNow(0, null, null, [], []) : null,
            Groups = [],
            AttendanceByMonth = [],
            ByRelation = [],
            ByConcern = [],
        });
    }

    /// <summary>
    /// The referrals of the period's cohort (received in the period) that reached <paramref name="stage"/> by
    /// <paramref name="now"/>: the funnel's count for the All scope is exactly this query's count, and the list behind the
    /// figure lists exactly these. STUB.
    /// </summary>
    public static IQueryable<Referral> ReferralsAt(LotgenotenDbContext db, FiguresPeriod period, FunnelStage stage, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(period);
        _ = (stage, now);
        return db.Set<Referral>().Where(_ => false);
    }

    /// <summary>
    /// The memberships of <paramref name="groupIds"/> placed in the period that reached <paramref name="stage"/> (Placed,
    /// Joined, Started, Completed or Withdrawn) by <paramref name="now"/>: the funnel of a group scope. STUB.
    /// </summary>
    public static IQueryable<Membership> MembershipsAt(LotgenotenDbContext db, FiguresPeriod period, IReadOnlyList<Guid> groupIds, FunnelStage stage, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(period);
        ArgumentNullException.ThrowIfNull(groupIds);
        _ = (stage, now);
        return db.Set<Membership>().Where(_ => false);
    }

    /// <summary>The meetings held in the period (by their Brussels date), of the scope's groups: the meetings behind the attendance figures. STUB.</summary>
    public static IQueryable<Meeting> HeldMeetings(LotgenotenDbContext db, FiguresPeriod period, DashboardScope scope)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(period);
        ArgumentNullException.ThrowIfNull(scope);
        return db.Set<Meeting>().Where(_ => false);
    }
}
