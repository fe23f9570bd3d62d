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
}
