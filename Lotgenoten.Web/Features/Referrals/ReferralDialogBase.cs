using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace Lotgenoten.Web.Features.Referrals;

/// <summary>
/// What the referral page's action dialogs share: the user (checked again by the service), the referral at the version
/// the page showed, and how they end — closed with the <see cref="ReferralResult"/> when it succeeded or conflicted
/// (the page shows "someone else changed this"), open with the message when the input was refused.
/// </summary>
public abstract class ReferralDialogBase : ComponentBase
{
    /// <summary>How the dialogs open.</summary>
    public static DialogOptions Options { get; } =
        new() { MaxWidth = MaxWidth.Small, FullWidth = true, CloseButton = true, BackdropClick = false, CloseOnEscapeKey = true };

    /// <summary>The signed-in user.</summary>
    [Parameter, EditorRequired]
    public ClaimsPrincipal User { get; set; } = default!;

    /// <summary>The referral acted on.</summary>
    [Parameter, EditorRequired]
    public Guid ReferralId { get; set; }

    /// <summary>The version of the referral the page showed.</summary>
    [Parameter, EditorRequired]
    public int Version { get; set; }

    /// <summary>The day the referral was received (the earliest date an intake can have).</summary>
    [Parameter]
    public DateOnly ReceivedOn { get; set; }

    /// <summary>The referral as the page showed it.</summary>
    [Parameter]
    public ReferralCaseDetails? Case { get; set; }

    [CascadingParameter]
    protected IMudDialogInstance Dialog { get; set; } = default!;

    [Inject]
    protected ReferralCaseService Cases { get; set; } = default!;

    [Inject]
    protected IStringLocalizer<WaitingListTexts> T { get; set; } = default!;

    [Inject]
    protected TimeProvider Time { get; set; } = default!;

    /// <summary>The message shown in the dialog when the service refused the input.</summary>
    protected string? Error { get; set; }

    protected bool Saving { get; set; }

    protected void Cancel() => Dialog.Cancel();

    /// <summary>Runs the action; closes on success or conflict, otherwise shows the message.</summary>
    protected async Task SubmitAsync(Func<Task<ReferralResult>> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        Error = null;
        Saving = true;
        try
        {
            var result = await action();
            if (result.Succeeded || result.Conflict)
            {
                Dialog.Close(DialogResult.Ok(result));
                return;
            }

            Error = result.Error;
        }
        finally
        {
            Saving = false;
        }
    }
}
