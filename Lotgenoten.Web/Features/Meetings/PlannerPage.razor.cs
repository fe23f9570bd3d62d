using System.Globalization;
using System.Security.Claims;
using Lotgenoten.Domain.Meetings;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace Lotgenoten.Web.Features.Meetings;

/// <summary>The meeting planner of one group: its series and meetings, and every change to them.</summary>
public partial class PlannerPage
{
    private PlannerGroup? _group;
    private bool _denied;
    private bool _notFound;
    private Guid? _editingTheme;

    /// <summary>The group whose meetings are planned.</summary>
    [Parameter]
    public Guid GroupId { get; set; }

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    [Inject]
    private PlannerService Planner { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    private IEnumerable<(string Heading, IReadOnlyList<PlannerMeeting> Meetings)> Sections =>
    [
        (T["Upcoming"], _group!.Meetings.Where(m => !m.IsPast).ToList()),
        (T["Past"], _group.Meetings.Where(m => m.IsPast).Reverse().ToList()),
    ];

    protected override async Task OnParametersSetAsync() => await LoadAsync();

    private async Task<ClaimsPrincipal> UserAsync() => (await AuthenticationState).User;

    private async Task LoadAsync()
    {
        try
        {
            _group = await Planner.GetGroupAsync(await UserAsync(), GroupId, CancellationToken.None);
            _notFound = _group is null;
        }
        catch (UnauthorizedAccessException)
        {
            _denied = true;
            _group = null;
        }
    }

    private string SeriesSummary(PlannerSeries series) =>
        T["Series_Summary",
            PatternText(series.Pattern, series.FirstDate),
            series.StartTime.ToString("HH:mm", CultureInfo.InvariantCulture),
            series.StartTime.AddMinutes(series.DurationMinutes).ToString("HH:mm", CultureInfo.InvariantCulture),
            series.FirstDate.ToString("d MMMM yyyy", CultureInfo.CurrentCulture)];

    private string PatternText(RecurrencePattern pattern, DateOnly first) => PlannerFormat.Pattern(T, pattern, first);

    private async Task OpenSeriesAsync()
    {
        var parameters = new DialogParameters<SeriesDialog> { { d => d.GroupId, GroupId }, { d => d.User, await UserAsync() } };
        var dialog = await Dialogs.ShowAsync<SeriesDialog>(T["Series_Plan"], parameters, DialogOptionsFor(MaxWidth.Medium));
        var result = await dialog.Result;
        if (result is { Canceled: false, Data: int count })
        {
            Snackbar.Add(T["Snack_SeriesSaved", count], Severity.Success);
            await LoadAsync();
        }
    }

    private async Task OpenAddAsync()
    {
        var parameters = new DialogParameters<MeetingDialog> { { d => d.GroupId, GroupId }, { d => d.User, await UserAsync() } };
        var dialog = await Dialogs.ShowAsync<MeetingDialog>(T["Add_Title"], parameters, DialogOptionsFor(MaxWidth.Small));
        if (await dialog.Result is { Canceled: false })
        {
            Snackbar.Add(T["Snack_Added"], Severity.Success);
        }

        await LoadAsync();
    }

    private async Task OpenMoveAsync(PlannerMeeting meeting)
    {
        var parameters = new DialogParameters<MeetingDialog>
        {
            { d => d.GroupId, GroupId },
            { d => d.User, await UserAsync() },
            { d => d.Meeting, meeting },
        };
        var dialog = await Dialogs.ShowAsync<MeetingDialog>(T["Move_Title"], parameters, DialogOptionsFor(MaxWidth.Small));
        if (await dialog.Result is { Canceled: false })
        {
            Snackbar.Add(T["Snack_Moved"], Severity.Success);
        }

        await LoadAsync();
    }

    private async Task CancelMeetingAsync(PlannerMeeting meeting)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(
            T["Cancel_Title"],
            T["Cancel_Text", PlannerFormat.LongDate(meeting.Date)],
            yesText: T["Cancel_Confirm"],
            cancelText: T["Cancel_Keep"]);
        if (confirmed != true)
        {
            return;
        }

        Report(await Planner.CancelMeetingAsync(await UserAsync(), GroupId, meeting.Id, meeting.Version, CancellationToken.None), T["Snack_Cancelled"]);
        await LoadAsync();
    }

    private async Task CancelSeriesAsync(PlannerSeries series)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(
            T["Series_CancelTitle"],
            T["Series_CancelText", series.UpcomingMeetings],
            yesText: T["Series_CancelConfirm"],
            cancelText: T["Cancel_Keep"]);
        if (confirmed != true)
        {
            return;
        }

        Report(await Planner.CancelSeriesAsync(await UserAsync(), GroupId, series.Id, series.Version, CancellationToken.None), T["Snack_SeriesCancelled"]);
        await LoadAsync();
    }

    private async Task SaveThemeAsync((PlannerMeeting Meeting, string? Theme) change)
    {
        var result = await Planner.SetThemeAsync(await UserAsync(), GroupId, change.Meeting.Id, change.Meeting.Version, change.Theme, CancellationToken.None);
        Report(result, T["Snack_Theme"]);
        if (result.Succeeded || result.Conflict)
        {
            _editingTheme = null;
        }

        await LoadAsync();
    }

    private void Report(PlannerResult result, string success)
    {
        if (result.Succeeded)
        {
            Snackbar.Add(success, Severity.Success);
        }
        else
        {
            Snackbar.Add(result.Error ?? T["Error_Other"], result.Conflict ? Severity.Warning : Severity.Error);
        }
    }

    private static DialogOptions DialogOptionsFor(MaxWidth width) =>
        new() { MaxWidth = width, FullWidth = true, CloseButton = true, BackdropClick = false, CloseOnEscapeKey = true };
}

/// <summary>Dates and patterns as the planner writes them, in the user's language.</summary>
internal static class PlannerFormat
{
    public static string LongDate(DateOnly date) => date.ToString("dddd d MMMM yyyy", CultureInfo.CurrentCulture);

    public static string Time(TimeOnly time) => time.ToString("HH:mm", CultureInfo.InvariantCulture);

    /// <summary>"Wekelijks", "Om de twee weken", "Maandelijks op de tweede dinsdag".</summary>
    public static string Pattern(IStringLocalizer<PlannerTexts> texts, RecurrencePattern pattern, DateOnly? first) => pattern switch
    {
        RecurrencePattern.Weekly => texts["Pattern_Weekly"],
        RecurrencePattern.EveryTwoWeeks => texts["Pattern_EveryTwoWeeks"],
        _ when first is { } date => texts["Pattern_MonthlyByWeekday", texts[$"Ordinal_{Math.Min(5, ((date.Day - 1) / 7) + 1)}", CultureInfo.CurrentCulture.DateTimeFormat.GetDayName(date.DayOfWeek)]],
        _ => texts["Pattern_MonthlyGeneric"],
    };
}
