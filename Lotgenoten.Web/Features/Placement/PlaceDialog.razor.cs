using System.Globalization;
using System.Security.Claims;
using Lotgenoten.Domain.Common;
using Lotgenoten.Domain.Invitations;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;

namespace Lotgenoten.Web.Features.Placement;

/// <summary>
/// Places a referral in a group, or (with <see cref="Reissue"/>) makes a new code for its placement. After success the
/// code and the link are shown this once (they are not stored anywhere). Closes with <see cref="DoneResult"/> when something changed
/// (<see cref="ReloadResult"/> when a conflict asks to reload), cancels otherwise; only its own buttons close it.
/// </summary>
public partial class PlaceDialog
{
    /// <summary>The dialog's data when it placed (or made a new code).</summary>
    public const string DoneResult = "done";

    /// <summary>The dialog's data when someone else was first and the page should reload.</summary>
    public const string ReloadResult = "reload";

    private InvitationDelivery _delivery = InvitationDelivery.Handover;
    private PlacementResult? _result;
    private bool _busy;

    /// <summary>Options that keep the dialog open until one of its buttons is used (the code must not vanish by a stray click).</summary>
    public static DialogOptions Options { get; } =
        new() { MaxWidth = MaxWidth.Small, FullWidth = true, CloseButton = false, BackdropClick = false, CloseOnEscapeKey = false };

    /// <summary>The signed-in user (checked again by the service).</summary>
    [Parameter, EditorRequired]
    public ClaimsPrincipal User { get; set; } = default!;

    /// <summary>The referral to place.</summary>
    [Parameter, EditorRequired]
    public Guid ReferralId { get; set; }

    /// <summary>The referral's version as the page showed it.</summary>
    [Parameter]
    public int ReferralVersion { get; set; }

    /// <summary>The referral's short reference.</summary>
    [Parameter]
    public string Reference { get; set; } = "";

    /// <summary>The group to place in (not used when re-issuing).</summary>
    [Parameter]
    public Guid GroupId { get; set; }

    /// <summary>The group's name, for the summary.</summary>
    [Parameter]
    public string GroupName { get; set; } = "";

    /// <summary>Whether the referral has an e-mail address (otherwise e-mail delivery is disabled).</summary>
    [Parameter]
    public bool HasEmail { get; set; }

    /// <summary>Make a new code for the current placement instead of placing.</summary>
    [Parameter]
    public bool Reissue { get; set; }

    [CascadingParameter]
    private IMudDialogInstance Dialog { get; set; } = default!;

    [Inject]
    private PlacementService Placement { get; set; } = default!;

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    private static string When(DateTimeOffset instant) =>
        BrusselsTime.ToLocal(instant).ToString("d MMMM yyyy HH:mm", CultureInfo.CurrentCulture);

    private async Task ConfirmAsync()
    {
        _busy = true;
        try
        {
            _result = Reissue
                ? await Placement.ReissueAsync(User, ReferralId, _delivery, CancellationToken.None)
                : await Placement.PlaceAsync(User, ReferralId, ReferralVersion, GroupId, _delivery, CancellationToken.None);
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task CopyAsync(string text)
    {
        try
        {
            await JS.InvokeVoidAsync("navigator.clipboard.writeText", text);
            Snackbar.Add(T["Snack_Copied"], Severity.Success);
        }
        catch (JSException)
        {
            Snackbar.Add(T["Snack_CopyFailed"], Severity.Warning);
        }
    }

    private void Cancel() => Dialog.Cancel();

    private void Reload() => Dialog.Close(DialogResult.Ok(ReloadResult));

    private void Close()
    {
        // Forget the secret as soon as the dialog goes.
        _result = null;
        Dialog.Close(DialogResult.Ok(DoneResult));
    }
}
