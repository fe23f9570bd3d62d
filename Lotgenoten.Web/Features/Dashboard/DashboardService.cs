using System.Security.Claims;
using Lotgenoten.Domain.Common;
using Lotgenoten.Domain.Referrals;
using Lotgenoten.Infrastructure.Data;
using Lotgenoten.Infrastructure.Figures;
using Microsoft.EntityFrameworkCore;

namespace Lotgenoten.Web.Features.Dashboard;

/// <summary>
/// The dashboard of coordinators (everything) and facilitators (their own groups): the figures of a period computed in
/// the database by <see cref="DashboardQuery"/>, those of a comparison period beside the key figures, and the link
/// behind every figure. Who sees what is looked up again on every call (<see cref="DashboardAccess"/>).
/// </summary>
public sealed class DashboardService(IDbContextFactory<LotgenotenDbContext> dbFactory, TimeProvider time)
{
    /// <summary>The longest period the dashboard computes, in years.</summary>
    public const int MaxYears = 10;

    /// <summary>Today in Brussels.</summary>
    public DateOnly Today => BrusselsTime.Today(time.GetUtcNow());

    /// <summary>The period of a preset, as of today.</summary>
    public FiguresPeriod PresetPeriod(DashboardPreset preset) => PresetPeriod(preset, Today);

    /// <summary>The period of a preset, as of <paramref name="today"/>.</summary>
    public static FiguresPeriod PresetPeriod(DashboardPreset preset, DateOnly today) => preset switch
    {
        DashboardPreset.ThisYear => new(new DateOnly(today.Year, 1, 1), today),
        DashboardPreset.LastYear => FiguresPeriod.Year(today.Year - 1),
        DashboardPreset.Last12Months => new(today.AddYears(-1).AddDays(1), today),
        DashboardPreset.ThisQuarter => new(new DateOnly(today.Year, ((today.Month - 1) / 3 * 3) + 1, 1), today),
        _ => throw new ArgumentOutOfRangeException(nameof(preset), preset, null),
    };

    /// <summary>The period shown when none (or garbage) is asked for: this year up to today.</summary>
    public FiguresPeriod DefaultPeriod => PresetPeriod(DashboardPreset.ThisYear);

    /// <summary>
    /// The period the dashboard will show for <paramref name="asked"/>: its end clamped to <paramref name="today"/>;
    /// refused when inverted, starting before the portal's first referral or after today, or longer than
    /// <see cref="MaxYears"/> years.
    /// </summary>
    /// <exception cref="DashboardPeriodException">The period is refused.</exception>
    public static FiguresPeriod Normalize(FiguresPeriod asked, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(asked);
        if (asked.To < asked.From)
        {
            throw new DashboardPeriodException(DashboardPeriodError.Inverted);
        }

        if (asked.From < Referral.EarliestReceivedOn)
        {
            throw new DashboardPeriodException(DashboardPeriodError.TooEarly);
        }

        if (asked.From > today)
        {
            throw new DashboardPeriodException(DashboardPeriodError.InFuture);
        }

        var period = asked.To > today ? asked with { To = today } : asked;
        if (period.To >= period.From.AddYears(MaxYears))
        {
            throw new DashboardPeriodException(DashboardPeriodError.TooLong);
        }

        return period;
    }

    /// <summary>
    /// The period a period is compared with: the same dates one year earlier for a period of up to a year (the year
    /// before a year, the same quarter last year, the twelve months before twelve months); for a longer period as many
    /// whole years earlier as it spans. Null when it would start before the portal's first referral.
    /// </summary>
    public static (FiguresPeriod? Period, int YearsBack) Comparison(FiguresPeriod period)
    {
        ArgumentNullException.ThrowIfNull(period);
        var years = 1;
        while (period.To >= period.From.AddYears(years))
        {
            years++;
        }

        var previous = new FiguresPeriod(period.From.AddYears(-years), period.To.AddYears(-years));
        if (IsLastDayOfMonth(period.To))
        {
            // 29 February and month ends stay month ends (a whole month compares with a whole month).
            previous = previous with { To = new DateOnly(previous.To.Year, previous.To.Month, DateTime.DaysInMonth(previous.To.Year, previous.To.Month)) };
        }

        return (previous.From < Referral.EarliestReceivedOn ? null : previous, years);
    }

    /// <summary>
    /// The dashboard of <paramref name="period"/> for <paramref name="user"/>: a coordinator sees everything, a
    /// facilitator their own groups. The scope is looked up again on every call.
    /// </summary>
    /// <exception cref="UnauthorizedAccessException">Neither an active coordinator nor an active facilitator.</exception>
    /// <exception cref="DashboardPeriodException">The period is refused (see <see cref="Normalize"/>).</exception>
    public async Task<DashboardModel> GetAsync(ClaimsPrincipal user, FiguresPeriod period, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(period);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var scope = await DashboardAccess.ScopeAsync(db, user, ct);

        var now = time.GetUtcNow();
        var today = BrusselsTime.Today(now);
        var shown = Normalize(period, today);
        var (previousPeriod, yearsBack) = Comparison(shown);

        var figures = await DashboardQuery.ComputeAsync(db, shown, scope, now, ct);
        var previous = previousPeriod is null ? null : await DashboardQuery.ComputeAsync(db, previousPeriod, scope, now, ct);
        return Build(shown, period.To > today, previousPeriod, yearsBack, today, scope, figures, previous);
    }

    private static DashboardModel Build(
        FiguresPeriod period, bool clamped, FiguresPeriod? previousPeriod, int yearsBack, DateOnly today,
        DashboardScope scope, DashboardFigures figures, DashboardFigures? previous)
    {
        var cohort = scope.IsAll ? FunnelStage.Received : FunnelStage.Placed;
        var first = DashboardModel.Count(figures, cohort);
        double? ShareOfFirst(long count) => first == 0 ? null : (double)count / first;

        FunnelStage[] waysOut = [FunnelStage.Withdrawn, FunnelStage.Declined, FunnelStage.Unreachable];
        var path = figures.Funnel.Where(s => !waysOut.Contains(s.Stage))
            .Select(s => new FunnelBar(s.Stage, s.Count, ShareOfFirst(s.Count), DashboardLinks.StageList(period, s.Stage)))
            .ToList();
        var outs = figures.Funnel.Where(s => waysOut.Contains(s.Stage))
            .Select(s => new FunnelBar(s.Stage, s.Count, ShareOfFirst(s.Count), DashboardLinks.StageList(period, s.Stage)))
            .ToList();

        var tiles = new List<DashboardTile>();
        double? Prev(FunnelStage stage) => previous is null ? null : DashboardModel.Count(previous, stage);
        if (scope.IsAll)
        {
            tiles.Add(new("Received", DashboardTileKind.Count, DashboardModel.Count(figures, FunnelStage.Received), Prev(FunnelStage.Received), null,
                DashboardLinks.StageList(period, FunnelStage.Received)));
            tiles.Add(new("Waiting", DashboardTileKind.Count, figures.WaitingList?.Count ?? 0, null, null, DashboardLinks.WaitingList()));
        }

        var placed = DashboardModel.Count(figures, FunnelStage.Placed);
        var started = DashboardModel.Count(figures, FunnelStage.Started);
        tiles.Add(new("Placed", DashboardTileKind.Count, placed, Prev(FunnelStage.Placed), null, DashboardLinks.StageList(period, FunnelStage.Placed)));
        tiles.Add(new("Started", DashboardTileKind.Count, started, Prev(FunnelStage.Started), placed == 0 ? null : (double)started / placed,
            DashboardLinks.StageList(period, FunnelStage.Started)));
        if (!scope.IsAll)
        {
            tiles.Add(new("MeetingsHeld", DashboardTileKind.Count, figures.AttendanceByMonth.Sum(m => m.MeetingsHeld),
                previous?.AttendanceByMonth.Sum(m => m.MeetingsHeld), null, DashboardLinks.MeetingsList(period)));
        }

        tiles.Add(new("Attendance", DashboardTileKind.Rate, AttendanceRate(figures), previous is null ? null : AttendanceRate(previous), null,
            DashboardLinks.MeetingsList(period)));

        var waiting = figures.WaitingList;
        return new DashboardModel
        {
            Period = period,
            EndClamped = clamped,
            PreviousPeriod = previousPeriod,
            YearsBack = yearsBack,
            Today = today,
            IsAll = scope.IsAll,
            HasGroups = scope.IsAll || scope.GroupIds!.Count > 0,
            Figures = figures,
            PreviousFigures = previous,
            Tiles = tiles,
            Path = path,
            WaysOut = outs,
            WaitingByLanguage = waiting is null ? [] : [.. Bars(waiting.ByLanguage, name => DashboardLinks.WaitingList(language: Enum.Parse<Language>(name)))
                .Where(b => b.Count > 0)],
            WaitingByRegion = waiting is null ? [] : [.. Bars(waiting.ByRegion, name => DashboardLinks.WaitingList(region: Enum.Parse<Region>(name)))
                .Where(b => b.Count > 0)],
            Months = [.. figures.AttendanceByMonth.Select(m => new MonthBar(new DateOnly(m.Year, m.Month, 1), m.MeetingsHeld, m.Attendances,
                m.ExpectedAttendances, m.Rate, DashboardLinks.MeetingsList(MonthWithin(period, m.Year, m.Month))))],
            ByRelation = Bars(figures.ByRelation, name => DashboardLinks.StageList(period, cohort, relation: Enum.Parse<Relation>(name))),
            ByConcern = Bars(figures.ByConcern, name => DashboardLinks.StageList(period, cohort, concern: Enum.Parse<Concern>(name))),
        };
    }

    /// <summary>Attendances ÷ expected over the period's months; null when no one was expected.</summary>
    private static double? AttendanceRate(DashboardFigures figures)
    {
        var expected = figures.AttendanceByMonth.Sum(m => m.ExpectedAttendances);
        return expected == 0 ? null : (double)figures.AttendanceByMonth.Sum(m => m.Attendances) / expected;
    }

    private static List<BreakdownBar> Bars(IReadOnlyList<KeyValuePair<string, long>> counts, Func<string, string> href) =>
        [.. counts.Select(c => new BreakdownBar(c.Key, c.Value, href(c.Key)))];

    /// <summary>The part of a calendar month that lies in <paramref name="period"/>.</summary>
    private static FiguresPeriod MonthWithin(FiguresPeriod period, int year, int month)
    {
        var first = new DateOnly(year, month, 1);
        var last = first.AddMonths(1).AddDays(-1);
        return new(first < period.From ? period.From : first, last > period.To ? period.To : last);
    }

    private static bool IsLastDayOfMonth(DateOnly date) => date.AddDays(1).Day == 1;
}
