using System.Globalization;
using System.Security.Claims;
using Lotgenoten.Domain.Common;
using Lotgenoten.Domain.Groups;
using Lotgenoten.Infrastructure.Figures;
using Lotgenoten.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace Lotgenoten.Web.Features.Dashboard;

/// <summary>
/// The list behind a dashboard figure (<c>/dashboard/lijst</c>, addresses from <see cref="DashboardLinks"/>): for a
/// coordinator the referrals at a stage of the path, for a facilitator the memberships of their own groups at a stage,
/// or the meetings held. A header says in words what the list is and how many are in it, with chips to drop a filter and
/// a way back to the dashboard. Rows are paged and sorted in the database (<see cref="DashboardListService"/>); an address
/// that cannot be read gets a message, never an error page.
/// </summary>
public partial class DashboardListPage
{
    private static readonly int[] PageSizes = [10, 25, 50];
    private DashboardListRequest _request = null!;
    private DashboardListProblem? _problem;
    private DashboardListView? _view;
    private int? _total;
    private bool _denied;
    private string? _loadedKey;

    /// <summary>What is listed (<see cref="DashboardListKind"/> by name); a stage list when absent.</summary>
    [SupplyParameterFromQuery(Name = DashboardLinks.List)]
    public string? ListQuery { get; set; }

    /// <summary>The funnel stage (<see cref="FunnelStage"/> by name).</summary>
    [SupplyParameterFromQuery(Name = DashboardLinks.Stage)]
    public string? StageQuery { get; set; }

    /// <summary>The first day of the period (yyyy-MM-dd); 1 January of this year when absent.</summary>
    [SupplyParameterFromQuery(Name = DashboardLinks.From)]
    public string? FromQuery { get; set; }

    /// <summary>The last day of the period (yyyy-MM-dd); today when absent.</summary>
    [SupplyParameterFromQuery(Name = DashboardLinks.To)]
    public string? ToQuery { get; set; }

    /// <summary>Only referrals of this relation (by name).</summary>
    [SupplyParameterFromQuery(Name = DashboardLinks.Relation)]
    public string? RelationQuery { get; set; }

    /// <summary>Only referrals of this concern (by name).</summary>
    [SupplyParameterFromQuery(Name = DashboardLinks.Concern)]
    public string? ConcernQuery { get; set; }

    /// <summary>Only this group (its id).</summary>
    [SupplyParameterFromQuery(Name = DashboardLinks.Group)]
    public string? GroupQuery { get; set; }

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    [Inject]
    private DashboardListService Lists { get; set; } = default!;

    private string BackHref => _problem == DashboardListProblem.InvalidPeriod
        ? DashboardLinks.DashboardPath
        : DashboardLinks.Dashboard(_request.Period);

    /// <summary>What the list is, in words: the stage, whose, the period, and the filters.</summary>
    private string Title
    {
        get
        {
            if (_problem is DashboardListProblem.UnknownList or DashboardListProblem.UnknownStage or DashboardListProblem.InvalidPeriod)
            {
                return T["Title_List"];
            }

            var (from, to) = (Day(_request.Period.From), Day(_request.Period.To));
            string title = _request.Kind == DashboardListKind.Meetings
                ? T["Title_Meetings", from, to]
                : T[_view?.IsAll == false ? "Title_Memberships" : "Title_Referrals", StageName(_request.Stage!.Value), from, to];
            foreach (var (text, _, _) in Chips)
            {
                title = T["Title_Part", title, text];
            }

            return title;
        }
    }

    /// <summary>The active filters: their words, the address without them, and a test id.</summary>
    private List<(string Text, string Href, string Key)> Chips
    {
        get
        {
            var chips = new List<(string, string, string)>();
            if (_problem is DashboardListProblem.UnknownList or DashboardListProblem.UnknownStage or DashboardListProblem.InvalidPeriod)
            {
                return chips;
            }

            if (_request.Relation is { } relation && _request.Kind == DashboardListKind.Stage)
            {
                chips.Add((T["Filter_Relation", E.Name(relation)], Link(_request with { Relation = null }), "relation"));
            }

            if (_request.Concern is { } concern && _request.Kind == DashboardListKind.Stage)
            {
                chips.Add((T["Filter_Concern", E.Name(concern)], Link(_request with { Concern = null }), "concern"));
            }

            if (_request.GroupId is not null && _view?.GroupName is { } group)
            {
                chips.Add((T["Filter_Group", group], Link(_request with { GroupId = null }), "group"));
            }

            return chips;
        }
    }

    protected override async Task OnParametersSetAsync()
    {
        var (request, problem) = Lists.Parse(ListQuery, StageQuery, FromQuery, ToQuery, RelationQuery, ConcernQuery, GroupQuery);
        var key = Link(request);
        if (key == _loadedKey && _view is not null)
        {
            return;
        }

        (_request, _problem, _view, _total) = (request, problem, null, null);
        if (problem is not null)
        {
            _loadedKey = key;
            return;
        }

        try
        {
            _view = await Lists.OpenAsync(await UserAsync(), request, CancellationToken.None);
            _problem = _view.Problem;
            _loadedKey = key;
        }
        catch (UnauthorizedAccessException)
        {
            _denied = true;
        }
    }

    private async Task<ClaimsPrincipal> UserAsync() => (await AuthenticationState).User;

    private Task<GridData<DashboardReferralRow>> LoadReferralsAsync(GridState<DashboardReferralRow> state, CancellationToken ct) =>
        LoadAsync(state, Lists.ReferralsAsync, ct);

    private Task<GridData<DashboardMembershipRow>> LoadMembershipsAsync(GridState<DashboardMembershipRow> state, CancellationToken ct) =>
        LoadAsync(state, Lists.MembershipsAsync, ct);

    private Task<GridData<DashboardMeetingRow>> LoadMeetingsAsync(GridState<DashboardMeetingRow> state, CancellationToken ct) =>
        LoadAsync(state, Lists.MeetingsAsync, ct);

    private async Task<GridData<TRow>> LoadAsync<TRow>(
        GridState<TRow> state,
        Func<ClaimsPrincipal, DashboardListRequest, DashboardListPaging, CancellationToken, Task<DashboardListPage<TRow>>> load,
        CancellationToken ct)
    {
        var sort = state.SortDefinitions.FirstOrDefault();
        var paging = new DashboardListPaging(SortOf(sort?.SortBy), sort?.Descending ?? false, state.Page, state.PageSize);
        try
        {
            var page = await load(await UserAsync(), _request, paging, ct);
            (_problem, _total) = (page.Problem, page.Total);
            StateHasChanged();
            return new GridData<TRow> { Items = page.Rows, TotalItems = page.Total };
        }
        catch (UnauthorizedAccessException)
        {
            _denied = true;
            StateHasChanged();
            return new GridData<TRow> { Items = [], TotalItems = 0 };
        }
    }

    /// <summary>The grid's column (its property name) as the service's sort.</summary>
    private static DashboardListSort SortOf(string? column) => column switch
    {
        nameof(DashboardReferralRow.Reference) => DashboardListSort.Reference,
        nameof(DashboardReferralRow.ReceivedOn) => DashboardListSort.ReceivedOn,
        nameof(DashboardReferralRow.Relation) => DashboardListSort.Relation,
        nameof(DashboardReferralRow.Concern) => DashboardListSort.Concern,
        nameof(DashboardReferralRow.Language) => DashboardListSort.Language,
        nameof(DashboardReferralRow.Region) => DashboardListSort.Region,
        nameof(DashboardReferralRow.Status) => DashboardListSort.Status,
        nameof(DashboardReferralRow.GroupName) => DashboardListSort.Group,
        nameof(DashboardMembershipRow.PlacedAt) => DashboardListSort.PlacedAt,
        nameof(DashboardMembershipRow.JoinedAt) => DashboardListSort.JoinedAt,
        nameof(DashboardMembershipRow.FirstAttendedAt) => DashboardListSort.FirstAttendedAt,
        nameof(DashboardMeetingRow.Date) => DashboardListSort.Date,
        _ => DashboardListSort.Default,
    };

    /// <summary>The address of a list (also the key that tells one list from another).</summary>
    private static string Link(DashboardListRequest request) => request.Kind == DashboardListKind.Meetings
        ? DashboardLinks.MeetingsList(request.Period, request.GroupId)
        : DashboardLinks.StageList(request.Period, request.Stage ?? FunnelStage.Received, request.Relation, request.Concern)
            + (request.GroupId is { } group ? $"&{DashboardLinks.Group}={group}" : string.Empty);

    private string StageName(FunnelStage stage) => T[$"Stage_{stage}"];

    private string CountText(int total) => _request.Kind == DashboardListKind.Meetings
        ? total == 1 ? T["Count_Meetings_One"] : T["Count_Meetings", total.ToString("N0", CultureInfo.CurrentCulture)]
        : _view?.IsAll == false
            ? total == 1 ? T["Count_Memberships_One"] : T["Count_Memberships", total.ToString("N0", CultureInfo.CurrentCulture)]
            : total == 1 ? T["Count_Referrals_One"] : T["Count_Referrals", total.ToString("N0", CultureInfo.CurrentCulture)];

    private static string Day(DateOnly date) => date.ToString("d MMM yyyy", CultureInfo.CurrentCulture);

    private static string Day(DateTimeOffset? instant) => instant is { } at ? Day(BrusselsTime.Today(at)) : "—";

    private static string Time(TimeOnly time) => time.ToString("HH:mm", CultureInfo.CurrentCulture);

    private static Color StatusColor(MembershipStatus status) => status switch
    {
        MembershipStatus.Invited => Color.Info,
        MembershipStatus.Joined or MembershipStatus.Active => Color.Success,
        MembershipStatus.Completed => Color.Dark,
        _ => Color.Default,
    };
}
