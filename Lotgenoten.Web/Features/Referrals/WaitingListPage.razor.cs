using System.Globalization;
using System.Security.Claims;
using Lotgenoten.Domain.Common;
using Lotgenoten.Domain.Referrals;
using Lotgenoten.Web.Components.Shared;
using Lotgenoten.Web.Features.Dashboard;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace Lotgenoten.Web.Features.Referrals;

/// <summary>
/// The coordinators' waiting list: four tabs (intake to plan, intake planned, waiting, invited) with their counts, filters
/// by relation, concern, language, region and format, search by short reference, and a data grid paged and sorted in
/// the database (only one page of rows lives in the circuit). A row opens the referral's page. The query string may
/// choose the first tab and filters (<c>?tab=Waiting&amp;language=fr&amp;region=Antwerp</c>, the names of
/// <see cref="DashboardLinks"/>: the dashboard links here); unknown values are ignored.
/// </summary>
public partial class WaitingListPage
{
    private static readonly int[] PageSizes = [10, 25, 50];
    private MudDataGrid<WaitingListRow>? _grid;
    private bool _denied;
    private WaitingListTab _tab = WaitingListTab.Waiting;
    private WaitingListCounts? _counts;
    private WaitingListSummary? _summary;
    private int _warningDays = 60;
    private string? _search;
    private Relation? _relation;
    private Concern? _concern;
    private Language? _language;
    private Region? _region;
    private FormatPreference? _format;
    private bool _showFilters;
    private int _shownPage;
    private (WaitingListTab?, Language?, Region?, Relation?, Concern?)? _appliedQuery;

    /// <summary>The tab to open with (<see cref="WaitingListTab"/> by name); unknown values are ignored.</summary>
    [SupplyParameterFromQuery(Name = DashboardLinks.Tab)]
    public string? TabQuery { get; set; }

    /// <summary>A language to filter by (<see cref="Language"/> by name); unknown values are ignored.</summary>
    [SupplyParameterFromQuery(Name = DashboardLinks.Language)]
    public string? LanguageQuery { get; set; }

    /// <summary>A region to filter by (<see cref="Region"/> by name); unknown values are ignored.</summary>
    [SupplyParameterFromQuery(Name = DashboardLinks.Region)]
    public string? RegionQuery { get; set; }

    /// <summary>A relation to filter by (<see cref="Relation"/> by name); unknown values are ignored.</summary>
    [SupplyParameterFromQuery(Name = DashboardLinks.Relation)]
    public string? RelationQuery { get; set; }

    /// <summary>A concern to filter by (<see cref="Concern"/> by name); unknown values are ignored.</summary>
    [SupplyParameterFromQuery(Name = DashboardLinks.Concern)]
    public string? ConcernQuery { get; set; }

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    [Inject]
    private WaitingListService WaitingList { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    private bool Filtered =>
        !string.IsNullOrWhiteSpace(_search) || _relation is not null || _concern is not null || _language is not null || _region is not null || _format is not null;

    private int FilterCount =>
        new object?[] { _relation, _concern, _language, _region, _format }.Count(f => f is not null);

    /// <summary>
    /// Takes the tab and filters from the query string when it changes (the first visit, or a link followed while the page
    /// is open); the choices made on the page itself stay until then.
    /// </summary>
    protected override async Task OnParametersSetAsync()
    {
        var query = (DashboardLinks.ParseEnum<WaitingListTab>(TabQuery), DashboardLinks.ParseEnum<Language>(LanguageQuery),
            DashboardLinks.ParseEnum<Region>(RegionQuery), DashboardLinks.ParseEnum<Relation>(RelationQuery), DashboardLinks.ParseEnum<Concern>(ConcernQuery));
        if (_appliedQuery == query)
        {
            return;
        }

        var first = _appliedQuery is null;
        _appliedQuery = query;
        if (first && query == default)
        {
            return;
        }

        _tab = query.Item1 ?? WaitingListTab.Waiting;
        (_language, _region, _relation, _concern) = (query.Item2, query.Item3, query.Item4, query.Item5);
        (_search, _format) = (null, null);
        await ReloadAsync();
    }

    private async Task<ClaimsPrincipal> UserAsync() => (await AuthenticationState).User;

    private async Task<GridData<WaitingListRow>> LoadAsync(GridState<WaitingListRow> state, CancellationToken ct)
    {
        _shownPage = state.Page;
        var sort = state.SortDefinitions.FirstOrDefault();
        var query = new WaitingListQuery(
            _tab, _relation, _concern, _language, _region, _format, _search, SortOf(sort?.SortBy), sort?.Descending ?? false, state.Page, state.PageSize);
        try
        {
            var page = await WaitingList.ListAsync(await UserAsync(), query, ct);
            _counts = page.Counts;
            _summary = page.Summary;
            _warningDays = page.WarningDays;
            StateHasChanged();
            return new GridData<WaitingListRow> { Items = page.Rows, TotalItems = page.Total };
        }
        catch (UnauthorizedAccessException)
        {
            _denied = true;
            StateHasChanged();
            return new GridData<WaitingListRow> { Items = [], TotalItems = 0 };
        }
    }

    /// <summary>The grid's column (its property name) as the service's sort field; null for the tab's own order.</summary>
    private static WaitingListSort? SortOf(string? column) => column switch
    {
        nameof(WaitingListRow.ReceivedOn) => WaitingListSort.ReceivedOn,
        nameof(WaitingListRow.IntakePlannedForLocal) => WaitingListSort.IntakePlannedFor,
        nameof(WaitingListRow.Relation) => WaitingListSort.Relation,
        nameof(WaitingListRow.Concern) => WaitingListSort.Concern,
        nameof(WaitingListRow.Language) => WaitingListSort.Language,
        nameof(WaitingListRow.Region) => WaitingListSort.Region,
        nameof(WaitingListRow.Format) => WaitingListSort.Format,
        _ => null,
    };

    private async Task TabChangedAsync(int index)
    {
        _tab = (WaitingListTab)index;
        await ReloadAsync();
    }

    private async Task SearchChangedAsync(string? value)
    {
        _search = value;
        await ReloadAsync();
    }

    private async Task FilterAsync(Action set)
    {
        set();
        await ReloadAsync();
    }

    private async Task ClearFiltersAsync()
    {
        (_search, _relation, _concern, _language, _region, _format) = (null, null, null, null, null, null);
        await ReloadAsync();
    }

    /// <summary>Loads the grid again from its first page (a new tab or filter starts at the top).</summary>
    private async Task ReloadAsync()
    {
        if (_grid is null)
        {
            return;
        }

        if (_shownPage != 0)
        {
            _grid.NavigateTo(Page.First);
        }

        await _grid.ReloadServerData();
    }

    private void OpenRow(DataGridRowClickEventArgs<WaitingListRow> args) => Navigation.NavigateTo($"/doorverwijzingen/{args.Item.Id}");

    private static string RowClass(WaitingListRow row, int index) =>
        row.WarnAge ? "lg-waiting-row lg-waiting-row-warn" : "lg-waiting-row";

    private string TabName(WaitingListTab tab) => T[$"Tab_{tab}"];

    private string TabText(WaitingListTab tab) =>
        _counts is null ? TabName(tab) : T["Tab_WithCount", TabName(tab), _counts.For(tab)];

    private static string TabIcon(WaitingListTab tab) => tab switch
    {
        WaitingListTab.ToPlan => Icons.Material.Outlined.Inbox,
        WaitingListTab.Planned => Icons.Material.Outlined.EventAvailable,
        WaitingListTab.Waiting => Icons.Material.Outlined.HourglassTop,
        _ => Icons.Material.Outlined.MarkEmailRead,
    };

    private string Days(double? days) =>
        days is { } d ? T["Days_Count", Math.Round(d, 1).ToString("0.#", CultureInfo.CurrentCulture)] : "—";

    private string Days(int? days) => days is { } d ? T["Days_Count", d] : "—";

    private string Availability(WeeklyAvailability availability) =>
        availability.IsEmpty ? "—" : AvailabilityText.Compact(availability, d => E.ShortDay(d), p => E.Name(p));
}
