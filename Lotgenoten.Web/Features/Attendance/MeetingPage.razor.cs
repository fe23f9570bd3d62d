using System.Globalization;
using System.Security.Claims;
using Lotgenoten.Domain.Attendance;
using Lotgenoten.Domain.Meetings;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace Lotgenoten.Web.Features.Attendance;

/// <summary>
/// A meeting's page: the attendance register (one tap per member, saved at once), its summary, closing it, and the
/// meeting's notes. It reloads when a co-facilitator changes the same register (<see cref="AttendanceChanges"/>).
/// </summary>
public partial class MeetingPage : IDisposable
{
    private MeetingRegister? _meeting;
    private bool _denied;
    private bool _notFound;
    private bool _busy;
    private string? _closeError;
    private readonly HashSet<Guid> _saving = [];
    private readonly HashSet<Guid> _saved = [];
    private readonly Dictionary<Guid, AttendanceResult> _conflicts = [];
    private readonly Dictionary<Guid, AttendanceStatus?> _wanted = [];
    private readonly Dictionary<Guid, string> _errors = [];

    /// <summary>The group the meeting belongs to.</summary>
    [Parameter]
    public Guid GroupId { get; set; }

    /// <summary>The meeting.</summary>
    [Parameter]
    public Guid MeetingId { get; set; }

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    [Inject]
    private AttendanceService Attendance { get; set; } = default!;

    [Inject]
    private AttendanceChanges Changes { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    /// <summary>Cancelled, closed (held), open (from the day of the meeting) or planned.</summary>
    private string StatusKey => _meeting switch
    {
        { Status: MeetingStatus.Cancelled } => "Cancelled",
        { Status: MeetingStatus.Held } => "Closed",
        { ReadOnlyReason: null } => "Open",
        _ => "Scheduled",
    };

    private Color StatusColor => StatusKey switch
    {
        "Cancelled" => Color.Error,
        "Closed" => Color.Default,
        "Open" => Color.Success,
        _ => Color.Info,
    };

    private string StatusIcon => StatusKey switch
    {
        "Cancelled" => Icons.Material.Outlined.EventBusy,
        "Closed" => Icons.Material.Outlined.Lock,
        "Open" => Icons.Material.Outlined.LockOpen,
        _ => Icons.Material.Outlined.Event,
    };

    protected override void OnInitialized() => Changes.Changed += OnRegisterChanged;

    protected override async Task OnParametersSetAsync() => await LoadAsync();

    public void Dispose()
    {
        Changes.Changed -= OnRegisterChanged;
        GC.SuppressFinalize(this);
    }

    private async Task<ClaimsPrincipal> UserAsync() => (await AuthenticationState).User;

    private async Task LoadAsync()
    {
        try
        {
            _meeting = await Attendance.GetMeetingAsync(await UserAsync(), GroupId, MeetingId, CancellationToken.None);
            _notFound = _meeting is null;
        }
        catch (UnauthorizedAccessException)
        {
            _denied = true;
            _meeting = null;
        }
    }

    /// <summary>A co-facilitator (or this user in another tab) changed this register: show it.</summary>
    private void OnRegisterChanged(Guid meetingId)
    {
        if (meetingId != MeetingId)
        {
            return;
        }

        _ = InvokeAsync(async () =>
        {
            await LoadAsync();
            StateHasChanged();
        });
    }

    private async Task MarkAsync((RegisterRow Row, AttendanceStatus Status) tap) =>
        await SaveAsync(tap.Row, tap.Status, tap.Row.Version);

    private async Task UseMineAsync(RegisterRow row)
    {
        var key = row.MembershipId ?? Guid.Empty;
        if (_conflicts.GetValueOrDefault(key) is { Current: { } current } && _wanted.GetValueOrDefault(key) is { } wanted)
        {
            await SaveAsync(row, wanted, current.Version);
        }
    }

    private void KeepTheirs(RegisterRow row)
    {
        var key = row.MembershipId ?? Guid.Empty;
        _conflicts.Remove(key);
        _wanted.Remove(key);
    }

    private async Task SaveAsync(RegisterRow row, AttendanceStatus status, int version)
    {
        if (row.MembershipId is not { } key || _meeting is null)
        {
            return;
        }

        _saving.Add(key);
        _saved.Remove(key);
        _errors.Remove(key);
        _conflicts.Remove(key);
        _wanted.Remove(key);
        _closeError = null;
        try
        {
            var result = await Attendance.MarkAsync(await UserAsync(), GroupId, MeetingId, key, status, version, CancellationToken.None);
            if (result.Succeeded)
            {
                _saved.Add(key);
            }
            else if (result.Conflict)
            {
                _conflicts[key] = result;
                _wanted[key] = status;
            }
            else
            {
                _errors[key] = result.Error ?? T["Error_Other"];
            }

            if (result.Current is { } current)
            {
                Replace(current);
            }
        }
        finally
        {
            _saving.Remove(key);
        }
    }

    /// <summary>Shows a row as saved now without reloading the whole register.</summary>
    private void Replace(RegisterRow current)
    {
        if (_meeting is null)
        {
            return;
        }

        var rows = _meeting.Rows.Select(r => r.MembershipId == current.MembershipId ? current : r).ToList();
        _meeting = _meeting with { Rows = rows };
    }

    private async Task MarkRestAbsentAsync()
    {
        var count = _meeting?.Summary.NotYet ?? 0;
        var confirmed = await Dialogs.ShowMessageBoxAsync(
            T["RestAbsent_Title"],
            T["RestAbsent_Text", count],
            yesText: T["RestAbsent_Confirm"],
            cancelText: T["Dialog_Back"]);
        if (confirmed != true)
        {
            return;
        }

        _busy = true;
        try
        {
            var result = await Attendance.MarkRestAbsentAsync(await UserAsync(), GroupId, MeetingId, CancellationToken.None);
            Report(result, T["Snack_RestAbsent", count]);
            await LoadAsync();
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task CloseAsync()
    {
        _closeError = null;
        var notYet = _meeting?.Summary.NotYet ?? 0;
        if (notYet > 0)
        {
            _closeError = T["Error_Missing", notYet];
            return;
        }

        var confirmed = await Dialogs.ShowMessageBoxAsync(
            T["Close_Title"],
            T["Close_Text"],
            yesText: T["Close_Confirm"],
            cancelText: T["Dialog_Back"]);
        if (confirmed != true)
        {
            return;
        }

        _busy = true;
        try
        {
            var result = await Attendance.CloseRegisterAsync(await UserAsync(), GroupId, MeetingId, CancellationToken.None);
            if (!result.Succeeded && result.Missing > 0)
            {
                _closeError = result.Error;
            }
            else
            {
                Report(result, T["Snack_Closed"]);
            }

            await LoadAsync();
        }
        finally
        {
            _busy = false;
        }
    }

    private void Report(AttendanceResult result, string success)
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

    /// <summary>"Lijst afgesloten op … door …", and that changes are still possible (and audited) for those who may make them.</summary>
    private string ClosedText(MeetingRegister m)
    {
        string closed = m.ClosedAt is { } at
            ? (m.ClosedBy is { } by ? T["Closed_Banner_By", AttendanceFormat.Moment(T, at), by] : T["Closed_Banner", AttendanceFormat.Moment(T, at)])
            : T["Closed_Banner_Unknown"];
        return m.CanRecord ? $"{closed} {T["Closed_StillEditable"]}" : closed;
    }

    private static string Capitalised(string text) =>
        text.Length == 0 ? text : char.ToUpper(text[0], CultureInfo.CurrentCulture) + text[1..];
}
