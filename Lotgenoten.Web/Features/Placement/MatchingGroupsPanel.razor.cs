using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace Lotgenoten.Web.Features.Placement;

/// <summary>The groups that fit a referral, best first with their reasons, and "Plaatsen" (which opens <see cref="PlaceDialog"/>).</summary>
public partial class MatchingGroupsPanel
{
    private GroupMatches? _matches;
    private bool _denied;
    private string? _conflict;

    /// <summary>The referral whose matching groups to show.</summary>
    [Parameter, EditorRequired] public Guid ReferralId { get; set; }

    /// <summary>Raised after a placement, so that the page reloads the referral.</summary>
    [Parameter] public EventCallback OnChanged { get; set; }

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    [Inject]
    private MatchingService Matching { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    private async Task<ClaimsPrincipal> UserAsync() => (await AuthenticationState).User;

    protected override async Task OnParametersSetAsync() => await LoadAsync();

    /// <summary>Loads the groups again (the page calls it after its own changes).</summary>
    public async Task ReloadAsync()
    {
        _conflict = null;
        await LoadAsync();
        StateHasChanged();
    }

    private async Task LoadAsync()
    {
        try
        {
            _matches = await Matching.GroupsForReferralAsync(await UserAsync(), ReferralId, CancellationToken.None);
        }
        catch (UnauthorizedAccessException)
        {
            _denied = true;
            _matches = null;
        }
    }

    private async Task PlaceAsync(GroupCandidate group)
    {
        var m = _matches!;
        var parameters = new DialogParameters<PlaceDialog>
        {
            { d => d.User, await UserAsync() },
            { d => d.ReferralId, m.ReferralId },
            { d => d.ReferralVersion, m.Version },
            { d => d.Reference, m.Reference },
            { d => d.GroupId, group.GroupId },
            { d => d.GroupName, group.Name },
            { d => d.HasEmail, m.HasEmail },
        };
        var dialog = await Dialogs.ShowAsync<PlaceDialog>(T["Place_Title"], parameters, PlaceDialog.Options);
        var result = await dialog.Result;
        if (result is { Canceled: false })
        {
            if (result.Data is PlaceDialog.DoneResult)
            {
                Snackbar.Add(T["Snack_Placed"], Severity.Success);
            }

            await LoadAsync();
            await OnChanged.InvokeAsync();
        }
    }
}
