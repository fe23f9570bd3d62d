using System.Globalization;
using System.Security.Claims;
using Lotgenoten.Domain.Common;
using Lotgenoten.Domain.Notes;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace Lotgenoten.Web.Features.Safeguarding;

/// <summary>
/// The coordinators' safeguarding queue: concerns that wait (open and in progress, oldest first) as cards, then the
/// handled ones, paged. Opening one shows the flagged note (an audited read) in <see cref="ConcernDialog"/>, where a
/// coordinator takes it and records what was done. The page refreshes when another circuit raises or handles one.
/// </summary>
public sealed partial class ConcernsPage : IDisposable
{
    private static readonly int[] PageSizes = [10, 25, 50];
    private IReadOnlyList<ConcernRow>? _waiting;
    private MudDataGrid<ConcernRow>? _grid;
    private bool _denied;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    [Inject]
    private ConcernService Concerns { get; set; } = default!;

    [Inject]
    private ConcernNotifier Notifier { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    private int Open => _waiting?.Count(c => c.Status == ConcernStatus.Open) ?? 0;

    private int InProgress => _waiting?.Count(c => c.Status == ConcernStatus.InProgress) ?? 0;

    protected override async Task OnInitializedAsync()
    {
        Notifier.Changed += OnQueueChanged;
        await LoadWaitingAsync();
    }

    private async Task<ClaimsPrincipal> UserAsync() => (await AuthenticationState).User;

    private async Task LoadWaitingAsync()
    {
        try
        {
            _waiting = await Concerns.ListWaitingAsync(await UserAsync(), CancellationToken.None);
        }
        catch (UnauthorizedAccessException)
        {
            _denied = true;
        }
    }

    private async Task<GridData<ConcernRow>> LoadHandledAsync(GridState<ConcernRow> state, CancellationToken ct)
    {
        try
        {
            var page = await Concerns.ListHandledAsync(await UserAsync(), state.Page, state.PageSize, ct);
            return new GridData<ConcernRow> { Items = page.Rows, TotalItems = page.Total };
        }
        catch (UnauthorizedAccessException)
        {
            _denied = true;
            return new GridData<ConcernRow> { Items = [], TotalItems = 0 };
        }
    }

    private async Task OpenAsync(Guid concernId)
    {
        var parameters = new DialogParameters<ConcernDialog> { { d => d.ConcernId, concernId } };
        var dialog = await Dialogs.ShowAsync<ConcernDialog>(
            T["Dialog_Title"], parameters, new DialogOptions { MaxWidth = MaxWidth.Medium, FullWidth = true, CloseOnEscapeKey = true });
        await dialog.Result;
        await ReloadAsync();
    }

    private async Task ReloadAsync()
    {
        await LoadWaitingAsync();
        if (_grid is not null)
        {
            await _grid.ReloadServerData();
        }

        StateHasChanged();
    }

    private void OnQueueChanged() => _ = InvokeAsync(ReloadAsync);

    private static string When(DateTimeOffset instant) =>
        BrusselsTime.ToLocal(instant).ToString("ddd d MMM yyyy, HH:mm", CultureInfo.CurrentCulture);

    private string Age(DateTimeOffset raisedAt)
    {
        var age = Time.GetUtcNow() - raisedAt;
        return age.TotalHours < 1 ? T["Age_Minutes", Math.Max(0, (int)age.TotalMinutes)]
            : age.TotalDays < 1 ? T["Age_Hours", (int)age.TotalHours]
            : T["Age_Days", (int)age.TotalDays];
    }

    public void Dispose() => Notifier.Changed -= OnQueueChanged;
}
