using System.Security.Claims;
using Lotgenoten.Domain.Groups;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace Lotgenoten.Web.Features.Groups;

/// <summary>One group: details, member counts, facilitators, status moves, and the way to its meeting planner.</summary>
public partial class GroupDetailPage
{
    private GroupDetailView? _group;
    private IReadOnlyList<FacilitatorView> _staff = [];
    private Guid? _selectedStaff;
    private bool _denied;
    private bool _notFound;
    private string? _conflict;
    private string? _statusError;
    private string? _facilitatorError;

    /// <summary>The group shown.</summary>
    [Parameter]
    public Guid GroupId { get; set; }

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    [Inject]
    private GroupService Groups { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    protected override async Task OnParametersSetAsync() => await LoadAsync();

    private async Task<ClaimsPrincipal> UserAsync() => (await AuthenticationState).User;

    private async Task LoadAsync()
    {
        try
        {
            var user = await UserAsync();
            _group = await Groups.GetAsync(user, GroupId, CancellationToken.None);
            _notFound = _group is null;
            if (_group is { CanEdit: true } && _staff.Count == 0)
            {
                _staff = await Groups.GetAssignableStaffAsync(user, CancellationToken.None);
            }
        }
        catch (UnauthorizedAccessException)
        {
            _denied = true;
            _group = null;
        }
    }

    private async Task ReloadAsync()
    {
        _conflict = null;
        _statusError = null;
        _facilitatorError = null;
        await LoadAsync();
    }

    private string StatusExplanation(GroupDetailView g) => g.Status switch
    {
        GroupStatus.Planned => g.Facilitators.Count == 0 ? T["Status_PlannedHelpNoFacilitator"] : T["Status_PlannedHelp"],
        GroupStatus.Recruiting => g.Members.Members >= g.MinimumToStart
            ? T["Status_RecruitingReady", g.Members.Members]
            : T["Status_RecruitingHelp", g.MinimumToStart - g.Members.Members],
        GroupStatus.Running => T["Status_RunningHelp"],
        _ => T["Status_ClosedHelp"],
    };

    private async Task EditAsync()
    {
        var parameters = new DialogParameters<GroupDialog>
        {
            { d => d.User, await UserAsync() },
            { d => d.GroupId, _group!.Id },
            { d => d.Version, _group.Version },
            { d => d.Initial, GroupInput.From(_group) },
        };
        var dialog = await Dialogs.ShowAsync<GroupDialog>(T["Edit_Title"], parameters, GroupDisplay.DialogOptions);
        if (await dialog.Result is { Canceled: false })
        {
            Snackbar.Add(T["Snack_Saved"], Severity.Success);
        }

        await LoadAsync();
    }

    private async Task MoveAsync(GroupStatusAction action)
    {
        _statusError = null;
        var result = await Groups.ChangeStatusAsync(await UserAsync(), GroupId, _group!.Version, action, CancellationToken.None);
        await ShowAsync(result, T[$"Snack_{action}"], error => _statusError = error);
    }

    private async Task CloseAsync()
    {
        var g = _group!;
        var confirmed = await Dialogs.ShowMessageBoxAsync(
            T["Close_Title", g.Name],
            g.Status == GroupStatus.Running
                ? T["Close_TextRunning", g.Members.Members, g.Members.Invited]
                : T["Close_TextNotRunning", g.Members.Members + g.Members.Invited],
            yesText: T["Close_Confirm"],
            cancelText: T["Action_Cancel"]);
        if (confirmed == true)
        {
            await MoveAsync(GroupStatusAction.Close);
        }
    }

    private async Task AssignAsync()
    {
        if (_selectedStaff is not { } staffId)
        {
            return;
        }

        _facilitatorError = null;
        var result = await Groups.AssignFacilitatorAsync(await UserAsync(), GroupId, _group!.Version, staffId, CancellationToken.None);
        if (result.Succeeded)
        {
            _selectedStaff = null;
        }

        await ShowAsync(result, T["Snack_FacilitatorAssigned"], error => _facilitatorError = error);
    }

    private async Task RemoveAsync(FacilitatorView facilitator)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(
            T["Facilitator_RemoveTitle"],
            T["Facilitator_RemoveText", facilitator.DisplayName, _group!.Name],
            yesText: T["Facilitator_RemoveConfirm"],
            cancelText: T["Action_Cancel"]);
        if (confirmed != true)
        {
            return;
        }

        _facilitatorError = null;
        var result = await Groups.RemoveFacilitatorAsync(await UserAsync(), GroupId, _group.Version, facilitator.StaffMemberId, CancellationToken.None);
        await ShowAsync(result, T["Snack_FacilitatorRemoved"], error => _facilitatorError = error);
    }

    private async Task ShowAsync(GroupResult result, string success, Action<string?> showError)
    {
        if (result.Succeeded)
        {
            Snackbar.Add(success, Severity.Success);
            await LoadAsync();
        }
        else if (result.Conflict)
        {
            _conflict = result.Error;
        }
        else
        {
            showError(result.Error);
        }
    }

    private static double Percent(int members, int capacity) => capacity <= 0 ? 0 : Math.Min(100, 100.0 * members / capacity);
}
