using System.Globalization;
using Lotgenoten.Domain.Referrals;
using Lotgenoten.Infrastructure.Figures;
using Lotgenoten.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace Lotgenoten.Web.Features.Dashboard;

/// <summary>
/// The dashboard (<c>/dashboard?from=&amp;to=</c>): coordinators see everything, facilitators their own groups. The
/// period lives in the query string (a link and Back work); a missing or garbage period shows this year, a refused one
/// a localized message. The figures are computed when the circuit is interactive, not during prerendering.
/// </summary>
public partial class DashboardPage
{
    // The theme's primary: one colour for the bars (their values are printed on them).
    private static readonly string[] PrimaryPalette = ["#2c6a6e"];

    // The theme's primary in lightness far apart from one neighbour to the next (it reads in grey too); the list beside the donut shows each colour with its count.
    private static readonly string[] DonutPalette = ["#123a3d", "#a3cacd", "#3a7c80", "#d0e6e7", "#1f5559", "#7fb3b7", "#5b9a9e", "#bcdadc"];

    private readonly BarChartOptions _attendanceOptions = new()
    {
        ChartPalette = PrimaryPalette,
        ShowValues = true,
        ShowLegend = false,
        YAxisSuggestedMax = 100,
        MaxNumYAxisTicks = 6,
        YAxisFormat = "0",
    };

    private readonly DonutChartOptions _donutOptions = new()
    {
        ChartPalette = DonutPalette,
        ShowLegend = false,
        ShowToolTips = false,
    };

    private DashboardModel? _model;
    private DashboardPeriodError? _error;
    private FiguresPeriod? _asked;
    private FiguresPeriod? _loaded;
    private bool _denied;
    private bool _showMonthTable;
    private DateRange? _range;
    private List<ChartSeries<double>> _attendanceSeries = [];
    private string[] _attendanceLabels = [];
    private List<ChartSeries<double>> _relationSeries = [];
    private string[] _relationLabels = [];
    private List<ChartSeries<double>> _concernSeries = [];
    private string[] _concernLabels = [];

    /// <summary>The first day of the period (yyyy-MM-dd).</summary>
    [SupplyParameterFromQuery(Name = DashboardLinks.From)]
    public string? From { get; set; }

    /// <summary>The last day of the period (yyyy-MM-dd).</summary>
    [SupplyParameterFromQuery(Name = DashboardLinks.To)]
    public string? To { get; set; }

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    [Inject]
    private DashboardService Service { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    /// <summary>The period on screen: the one shown, else the one asked for.</summary>
    private FiguresPeriod ShownPeriod => _model?.Period ?? _asked ?? Service.DefaultPeriod;

    private DashboardPreset? ActivePreset =>
        _error is null
            ? Enum.GetValues<DashboardPreset>().Cast<DashboardPreset?>().FirstOrDefault(p => Service.PresetPeriod(p!.Value) == ShownPeriod)
            : null;

    protected override async Task OnParametersSetAsync()
    {
        // Garbage or a missing end: this year, without a word. A real but refused period: a message.
        _asked = DashboardLinks.ParseDate(From) is { } from && DashboardLinks.ParseDate(To) is { } to
            ? new FiguresPeriod(from, to)
            : Service.DefaultPeriod;
        _range = new DateRange(_asked.From.ToDateTime(TimeOnly.MinValue), _asked.To.ToDateTime(TimeOnly.MinValue));
        if (!RendererInfo.IsInteractive || _loaded == _asked)
        {
            return;
        }

        _loaded = _asked;
        _error = null;
        _model = null;
        try
        {
            var user = (await AuthenticationState).User;
            _model = await Service.GetAsync(user, _asked, CancellationToken.None);
            BuildCharts(_model);
        }
        catch (UnauthorizedAccessException)
        {
            _denied = true;
        }
        catch (DashboardPeriodException e)
        {
            _error = e.Error;
        }
    }

    private void PresetChosen(DashboardPreset preset) => Go(Service.PresetPeriod(preset));

    private void RangeChosen(DateRange? range)
    {
        _range = range;
        if (range?.Start is { } start && range.End is { } end)
        {
            Go(new FiguresPeriod(DateOnly.FromDateTime(start), DateOnly.FromDateTime(end)));
        }
    }

    private void Go(FiguresPeriod period) => Navigation.NavigateTo(DashboardLinks.Dashboard(period), replace: true);

    private void BuildCharts(DashboardModel model)
    {
        // Months without a held meeting have no rate: they stay out of the chart (the table beside it lists every month).
        var months = model.Months.Where(m => m.Rate is not null).ToList();
        _attendanceLabels = [.. months.Select(m => MonthName(m.Month, full: false))];
        _attendanceSeries =
        [
            new() { Name = T["Attendance_Series"], Data = new ChartData<double>([.. months.Select(m => Math.Round(m.Rate!.Value * 100))]) },
        ];

        (_relationSeries, _relationLabels) = Chart(model.ByRelation, name => E.Name(Enum.Parse<Relation>(name)));
        (_concernSeries, _concernLabels) = Chart(model.ByConcern, name => E.Name(Enum.Parse<Concern>(name)));
    }

    /// <summary>A one-series bar chart of the categories that have a count (the list beside it has them all).</summary>
    private (List<ChartSeries<double>>, string[]) Chart(IReadOnlyList<BreakdownBar> bars, Func<string, string> name)
    {
        var shown = bars.Where(b => b.Count > 0).ToList();
        return (
            [new() { Name = T["Breakdown_Series"], Data = new ChartData<double>([.. shown.Select(b => (double)b.Count)]) }],
            [.. shown.Select(b => name(b.Name))]);
    }

    private string ErrorText(DashboardPeriodError error) => error switch
    {
        DashboardPeriodError.TooEarly => T["PeriodError_TooEarly", Long(Referral.EarliestReceivedOn)],
        DashboardPeriodError.TooLong => T["PeriodError_TooLong", DashboardService.MaxYears],
        _ => T[$"PeriodError_{error}"],
    };

    private string PreviousText(DashboardModel model, DashboardTile tile)
    {
        var value = TileValue(tile.Kind, tile.Previous);
        return model.YearsBack == 1 ? T["Tile_Previous_One", value] : T["Tile_Previous_Many", value, model.YearsBack];
    }

    private string TileValue(DashboardTileKind kind, double? value) => kind switch
    {
        DashboardTileKind.Rate => Rate(value),
        _ => value is { } v ? Count((long)v) : T["Percent_None"],
    };

    private string Rate(double? rate) => rate is { } r ? Percent(r) : T["Percent_None"];

    private static string Percent(double share) => share.ToString("P0", CultureInfo.CurrentCulture);

    private static string Count(long count) => count.ToString("N0", CultureInfo.CurrentCulture);

    private string Days(int? days) => days is { } d ? T["Days", d.ToString("N0", CultureInfo.CurrentCulture)] : T["Days_None"];

    private static string Long(DateOnly date) => date.ToString("d MMM yyyy", CultureInfo.CurrentCulture);

    /// <summary>A month in the user's language, with its year when the period spans more than one year.</summary>
    private string MonthName(DateOnly month, bool full)
    {
        var format = CultureInfo.CurrentCulture.DateTimeFormat;
        if (full)
        {
            return $"{format.GetMonthName(month.Month)} {month.Year}";
        }

        var name = format.GetAbbreviatedMonthName(month.Month).TrimEnd('.');
        var spansYears = _model is { } m && m.Period.From.Year != m.Period.To.Year;
        return spansYears ? $"{name} {month.Year % 100:00}" : name;
    }
}
