using System.Globalization;
using System.Security.Claims;
using Lotgenoten.Domain.Common;
using Lotgenoten.Domain.Invitations;
using Lotgenoten.Web.Features.Referrals;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace Lotgenoten.Web.Features.Placement;

/// <summary>A referral's invitations: state and expiry, make a new code (shown once), or return to the waiting list.</summary>
public partial class InvitationPanel : IDisposable
{
    private InvitationHistory? _history;
    private bool _denied;
    private bool _busy;
    private string? _conflict;
    private string? _error;

    /// <summary>The referral whose invitations to show.</summary>
    [Parameter, EditorRequired] public Guid ReferralId { get; set; }

    /// <summary>Raised after a change, so that the page reloads the referral.</summary>
    [Parameter] public EventCallback OnChanged { get; set; }

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    [Inject]
    private PlacementService Placement { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    private async Task<ClaimsPrincipal> UserAsync() => (await AuthenticationState).User;

    protected override void OnInitialized() => Placement.Changed += OnPlacementChangedAsync;

    protected override async Task OnParametersSetAsync() => await LoadAsync();

    public void Dispose()
    {
        Placement.Changed -= OnPlacementChangedAsync;
        GC.SuppressFinalize(this);
    }

    /// <summary>A placement of this referral changed elsewhere on the page (the matching panel placed it): show it.</summary>
    private Task OnPlacementChangedAsync(Guid referralId) =>
        referralId != ReferralId
            ? Task.CompletedTask
            : InvokeAsync(async () =>
            {
                await LoadAsync();
                StateHasChanged();
            });

    /// <summary>Loads the invitations again.</summary>
    public async Task ReloadAsync()
    {
        _conflict = null;
        _error = null;
        await LoadAsync();
        StateHasChanged();
    }

    private async Task LoadAsync()
    {
        try
        {
            _history = await Placement.GetInvitationsAsync(await UserAsync(), ReferralId, CancellationToken.None);
        }
        catch (UnauthorizedAccessException)
        {
            _denied = true;
            _history = null;
        }
    }

    private static string When(DateTimeOffset instant) =>
        BrusselsTime.ToLocal(instant).ToString("d MMM yyyy HH:mm", CultureInfo.CurrentCulture);

    private string StateLine(InvitationView i) => i.State switch
    {
        InvitationState.Redeemed => T["Invitations_Redeemed", When(i.RedeemedAt!.Value)],
        InvitationState.Revoked => T["Invitations_Revoked", When(i.RevokedAt!.Value)],
        InvitationState.Expired => T["Invitations_Expired", When(i.ExpiresAt)],
        _ => T["Invitations_Expires", When(i.ExpiresAt)],
    };

    private static Color StateColor(InvitationState state) => state switch
    {
        InvitationState.Open => Color.Info,
        InvitationState.Redeemed => Color.Success,
        InvitationState.Expired => Color.Warning,
        _ => Color.Default,
    };

    private static string StateIcon(InvitationState state) => state switch
    {
        InvitationState.Open => Icons.Material.Outlined.MarkEmailUnread,
        InvitationState.Redeemed => Icons.Material.Outlined.CheckCircle,
        InvitationState.Expired => Icons.Material.Outlined.HourglassBottom,
        _ => Icons.Material.Outlined.Block,
    };

    private async Task ReissueAsync()
    {
        var h = _history!;
        var confirmed = await Dialogs.ShowMessageBoxAsync(
            T["Reissue_ConfirmTitle"], T["Reissue_ConfirmText"], yesText: T["Reissue_ConfirmYes"], cancelText: T["Action_Cancel"]);
        if (confirmed != true)
        {
            return;
        }

        var parameters = new DialogParameters<PlaceDialog>
        {
            { d => d.User, await UserAsync() },
            { d => d.ReferralId, h.ReferralId },
            { d => d.ReferralVersion, h.Version },
            { d => d.Reference, h.Reference },
            { d => d.GroupName, h.CurrentGroupName ?? "" },
            { d => d.HasEmail, h.HasEmail },
            { d => d.Reissue, true },
        };
        var dialog = await Dialogs.ShowAsync<PlaceDialog>(T["Reissue_Title"], parameters, PlaceDialog.Options);
        if (await dialog.Result is { Canceled: false })
        {
            await LoadAsync();
            await OnChanged.InvokeAsync();
        }
    }

    private async Task ReturnAsync()
    {
        var h = _history!;
        var confirmed = await Dialogs.ShowMessageBoxAsync(
            T["Return_ConfirmTitle"], T["Return_ConfirmText", h.CurrentGroupName ?? ""], yesText: T["Return_ConfirmYes"], cancelText: T["Action_Cancel"]);
        if (confirmed != true)
        {
            return;
        }

        _busy = true;
        _conflict = null;
        _error = null;
        try
        {
            var result = await Placement.ReturnToWaitingListAsync(await UserAsync(), h.ReferralId, h.Version, CancellationToken.None);
            if (result.Succeeded)
            {
                Snackbar.Add(T["Snack_Returned"], Severity.Success);
                await LoadAsync();
                await OnChanged.InvokeAsync();
            }
            else if (result.Conflict)
            {
                _conflict = result.Error;
            }
            else
            {
                _error = result.Error;
            }
        }
        finally
        {
            _busy = false;
        }
    }
}
