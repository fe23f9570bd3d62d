using System.Security.Claims;
using Lotgenoten.Domain.Referrals;
using Lotgenoten.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace Lotgenoten.Web.Features.Placement;

/// <summary>The waiting referrals that fit a group, best first, then the longest wait; "Plaatsen" opens <see cref="PlaceDialog"/>.</summary>
public partial class GroupCandidatesPanel
{
    private ReferralMatches? _matches;
    private bool _denied;
    private string? _conflict;

    /// <summary>The group whose candidates to show.</summary>
    [Parameter, EditorRequired] public Guid GroupId { get; set; }

    /// <summary>Raised after a placement, so that the page reloads the group.</summary>
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

    private async Task ReloadAsync()
    {
        _conflict = null;
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        try
        {
            _matches = await Matching.ReferralsForGroupAsync(await UserAsync(), GroupId, CancellationToken.None);
        }
        catch (UnauthorizedAccessException)
        {
            _denied = true;
            _matches = null;
        }
    }

    private string AvailabilityText(WeeklyAvailability availability) =>
        availability.IsEmpty
            ? T["Candidate_NoAvailability"]
            : T["Candidate_Availability", string.Join(", ", availability.Slots.Select(s => $"{E.ShortDay(s.Day)} {E.Name(s.Part).ToLowerInvariant()}"))];

    private async Task PlaceAsync(ReferralCandidate candidate)
    {
        var m = _matches!;
        var parameters = new DialogParameters<PlaceDialog>
        {
            { d => d.User, await UserAsync() },
            { d => d.ReferralId, candidate.ReferralId },
            { d => d.ReferralVersion, candidate.Version },
            { d => d.Reference, candidate.Reference },
            { d => d.GroupId, m.GroupId },
            { d => d.GroupName, m.GroupName },
            { d => d.HasEmail, candidate.HasEmail },
        };
        var dialog = await Dialogs.ShowAsync<PlaceDialog>(T["Place_Title"], parameters, PlaceDialog.Options);
        if (await dialog.Result is { Canceled: false } result)
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
