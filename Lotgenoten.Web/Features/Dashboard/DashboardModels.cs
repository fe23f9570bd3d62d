using Lotgenoten.Infrastructure.Figures;

namespace Lotgenoten.Web.Features.Dashboard;

/// <summary>The texts of the dashboard (DashboardTexts.resx: nl, fr, en).</summary>
public sealed class DashboardTexts;

/// <summary>The periods the dashboard offers with one tap.</summary>
public enum DashboardPreset
{
    /// <summary>1 January of this year up to today.</summary>
    ThisYear,

    /// <summary>The whole previous calendar year.</summary>
    LastYear,

    /// <summary>The twelve months up to today (from the same day a year ago plus one).</summary>
    Last12Months,

    /// <summary>The first day of this quarter up to today.</summary>
    ThisQuarter,
}

/// <summary>Why a period is refused (each has a text <c>PeriodError_{value}</c>).</summary>
public enum DashboardPeriodError
{
    /// <summary>The end comes before the start.</summary>
    Inverted,

    /// <summary>The period starts before the first referral the portal accepts.</summary>
    TooEarly,

    /// <summary>The period is longer than <see cref="DashboardService.MaxYears"/> years.</summary>
    TooLong,

    /// <summary>The period starts after today.</summary>
    InFuture,
}

/// <summary>A period the dashboard refuses; the page shows <see cref="Error"/> as a localized message.</summary>
public sealed class DashboardPeriodException(DashboardPeriodError error)
    : ArgumentException($"The dashboard refuses this period: {error}.")
{
    public DashboardPeriodError Error { get; } = error;
}

/// <summary>What a key tile shows.</summary>
public enum DashboardTileKind
{
    /// <summary>A count.</summary>
    Count,

    /// <summary>A rate between 0 and 1, shown as a percentage.</summary>
    Rate,
}

/// <summary>
/// One key figure: its value in the period, the value of the comparison period (null when there is none, or for
/// figures of "now"), a second line (a share, a median) and the list behind it.
/// </summary>
/// <param name="Key">The figure (texts <c>Tile_{Key}</c>, data-testid <c>tile-{Key}</c>).</param>
/// <param name="Kind">A count or a rate.</param>
/// <param name="Value">The value; null for a rate without a denominator.</param>
/// <param name="Previous">The value in the comparison period; null when not compared.</param>
/// <param name="Share">For "started": the share of those placed (0–1); null otherwise.</param>
/// <param name="Href">The list behind the figure.</param>
public sealed record DashboardTile(string Key, DashboardTileKind Kind, double? Value, double? Previous, double? Share, string Href);

/// <summary>One bar of the funnel: the stage, its count, its share of the first stage and the list behind it.</summary>
public sealed record FunnelBar(FunnelStage Stage, long Count, double? ShareOfFirst, string Href);

/// <summary>One bar of a breakdown (language, region, relation, concern): the enum name, the count, the list behind it.</summary>
public sealed record BreakdownBar(string Name, long Count, string Href);

/// <summary>One month of the attendance chart: the month (its first day), the figures and the meetings behind them.</summary>
public sealed record MonthBar(DateOnly Month, int MeetingsHeld, long Attendances, long ExpectedAttendances, double? Rate, string Href);

/// <summary>
/// Everything the dashboard page shows, computed by <see cref="DashboardService.GetAsync"/> for one user and period.
/// </summary>
public sealed record DashboardModel
{
    /// <summary>The period shown (its end clamped to today).</summary>
    public required FiguresPeriod Period { get; init; }

    /// <summary>Whether the end asked for lay after today and was clamped.</summary>
    public required bool EndClamped { get; init; }

    /// <summary>The period compared with: the same dates one year earlier, or (for a period over a year) as many whole years earlier as it spans; null before the portal's first referral.</summary>
    public required FiguresPeriod? PreviousPeriod { get; init; }

    /// <summary>How many years back <see cref="PreviousPeriod"/> lies.</summary>
    public required int YearsBack { get; init; }

    /// <summary>Today in Brussels.</summary>
    public required DateOnly Today { get; init; }

    /// <summary>Everything (a coordinator) or one's own groups (a facilitator).</summary>
    public required bool IsAll { get; init; }

    /// <summary>False for a facilitator without groups (the page shows an empty state).</summary>
    public required bool HasGroups { get; init; }

    /// <summary>The figures of the period.</summary>
    public required DashboardFigures Figures { get; init; }

    /// <summary>The figures of <see cref="PreviousPeriod"/>; null when there is none.</summary>
    public required DashboardFigures? PreviousFigures { get; init; }

    /// <summary>The key figures, in the order shown.</summary>
    public required IReadOnlyList<DashboardTile> Tiles { get; init; }

    /// <summary>The path, from the first stage of the scope (Received, or Placed for a group scope).</summary>
    public required IReadOnlyList<FunnelBar> Path { get; init; }

    /// <summary>The ways out (withdrawn; declined and unreachable for coordinators), as shares of the first stage.</summary>
    public required IReadOnlyList<FunnelBar> WaysOut { get; init; }

    /// <summary>The waiting list now by language (zeros left out); empty for a group scope.</summary>
    public required IReadOnlyList<BreakdownBar> WaitingByLanguage { get; init; }

    /// <summary>The waiting list now by region (zeros left out); empty for a group scope.</summary>
    public required IReadOnlyList<BreakdownBar> WaitingByRegion { get; init; }

    /// <summary>Attendance per month of the period, in order.</summary>
    public required IReadOnlyList<MonthBar> Months { get; init; }

    /// <summary>The cohort by relation (every value, zeros included), each linking to the cohort of that relation.</summary>
    public required IReadOnlyList<BreakdownBar> ByRelation { get; init; }

    /// <summary>The cohort by concern (every value, zeros included), each linking to the cohort of that concern.</summary>
    public required IReadOnlyList<BreakdownBar> ByConcern { get; init; }

    /// <summary>The stage whose cohort the breakdowns count: Received (coordinators) or Placed (a group scope).</summary>
    public FunnelStage CohortStage => IsAll ? FunnelStage.Received : FunnelStage.Placed;

    /// <summary>The count of <paramref name="stage"/> in the period's funnel (0 when the scope has no such stage).</summary>
    public long Count(FunnelStage stage) => Count(Figures, stage);

    internal static long Count(DashboardFigures figures, FunnelStage stage) =>
        figures.Funnel.FirstOrDefault(s => s.Stage == stage)?.Count ?? 0;
}
