using System.Globalization;
using System.Security.Claims;
using Lotgenoten.Domain.Common;
using Lotgenoten.Domain.Groups;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace Lotgenoten.Web.Features.Groups;

/// <summary>
/// The group list: server-side paging (only one page of rows lives in the circuit), filters by status and language, and
/// search by name. Coordinators create groups here; facilitators see their own groups, read-only.
/// </summary>
public partial class GroupsPage
{
    private static readonly int[] PageSizes = [10, 25, 50];
    private MudDataGrid<GroupRow>? _grid;
    private bool _denied;
    private bool _canEdit;
    private string? _search;
    private GroupStatus? _status;
    private Language? _language;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    [Inject]
    private GroupService Groups { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    private bool Filtered => !string.IsNullOrWhiteSpace(_search) || _status is not null || _language is not null;

    private async Task<ClaimsPrincipal> UserAsync() => (await AuthenticationState).User;

    private async Task<GridData<GroupRow>> LoadAsync(GridState<GroupRow> state, CancellationToken ct)
    {
        try
        {
            var page = await Groups.ListAsync(await UserAsync(), new GroupQuery(state.Page, state.PageSize, _status, _language, _search), ct);
            if (_canEdit != page.CanEdit)
            {
                _canEdit = page.CanEdit;
                StateHasChanged();
            }

            return new GridData<GroupRow> { Items = page.Rows, TotalItems = page.Total };
        }
        catch (UnauthorizedAccessException)
        {
            _denied = true;
            StateHasChanged();
            return new GridData<GroupRow> { Items = [], TotalItems = 0 };
        }
    }

    private async Task SearchChangedAsync(string? value)
    {
        _search = value;
        await ReloadAsync();
    }

    private async Task StatusChangedAsync(GroupStatus? value)
    {
        _status = value;
        await ReloadAsync();
    }

    private async Task LanguageChangedAsync(Language? value)
    {
        _language = value;
        await ReloadAsync();
    }

    private async Task ClearFiltersAsync()
    {
        (_search, _status, _language) = (null, null, null);
        await ReloadAsync();
    }

    private async Task ReloadAsync()
    {
        if (_grid is not null)
        {
            await _grid.ReloadServerData();
        }
    }

    private void OpenRow(DataGridRowClickEventArgs<GroupRow> args) => Navigation.NavigateTo($"/groepen/{args.Item.Id}");

    private async Task CreateAsync()
    {
        var parameters = new DialogParameters<GroupDialog> { { d => d.User, await UserAsync() } };
        var dialog = await Dialogs.ShowAsync<GroupDialog>(T["New_Group"], parameters, GroupDisplay.DialogOptions);
        if (await dialog.Result is { Canceled: false, Data: Guid id })
        {
            Snackbar.Add(T["Snack_Created"], Severity.Success);
            Navigation.NavigateTo($"/groepen/{id}");
        }
    }

    private static double Percent(int members, int capacity) => capacity <= 0 ? 0 : Math.Min(100, 100.0 * members / capacity);
}

/// <summary>Dates and dialog options as the group pages use them.</summary>
internal static class GroupDisplay
{
    public static DialogOptions DialogOptions { get; } =
        new() { MaxWidth = MaxWidth.Small, FullWidth = true, CloseButton = true, BackdropClick = false, CloseOnEscapeKey = true };

    /// <summary>A Brussels wall-clock time, e.g. "di 1 dec · 19:00".</summary>
    public static string When(DateTime local) =>
        local.ToString("ddd d MMM yyyy · HH:mm", CultureInfo.CurrentCulture);
}
