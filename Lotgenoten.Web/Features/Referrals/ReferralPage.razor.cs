using System.Security.Claims;
using Lotgenoten.Domain.Referrals;
using Lotgenoten.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.JSInterop;
using MudBlazor;

namespace Lotgenoten.Web.Features.Referrals;

/// <summary>
/// One referral: for coordinators its details, the hidden e-mail address (revealed on request, audited), the intake, the
/// history, and the actions its status allows, each in a dialog at the version shown (a stale version shows a conflict
/// with "reload"). The counsellor who registered it sees its status only; anyone else sees "no access".
/// </summary>
public partial class ReferralPage
{
    private ReferralCaseView? _referral;
    private bool _denied;
    private bool _notFound;
    private string? _conflict;
    private string? _revealed;

    /// <summary>The referral shown.</summary>
    [Parameter]
    public Guid ReferralId { get; set; }

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    [Inject]
    private ReferralCaseService Cases { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    protected override async Task OnParametersSetAsync()
    {
        _revealed = null;
        await LoadAsync();
    }

    private async Task<ClaimsPrincipal> UserAsync() => (await AuthenticationState).User;

    private async Task LoadAsync()
    {
        _denied = false;
        try
        {
            _referral = await Cases.GetAsync(await UserAsync(), ReferralId, CancellationToken.None);
            _notFound = _referral is null;
        }
        catch (UnauthorizedAccessException)
        {
            _denied = true;
            _referral = null;
        }
    }

    private async Task ReloadAsync()
    {
        _conflict = null;
        await LoadAsync();
    }

    private DialogParameters<T> Parameters<T>(ClaimsPrincipal user)
        where T : ReferralDialogBase =>
        new()
        {
            { x => x.User, user },
            { x => x.ReferralId, _referral!.Id },
            { x => x.Version, _referral.Details!.Version },
            { x => x.ReceivedOn, _referral.ReceivedOn },
            { x => x.Case, _referral.Details },
        };

    private async Task PlanIntakeAsync() =>
        await ShowAsync<PlanIntakeDialog>(_referral!.Status == ReferralStatus.Received ? T["Action_PlanIntake"] : T["Action_MoveIntake"], T["Snack_IntakePlanned"]);

    private async Task RecordOutcomeAsync() => await ShowAsync<IntakeOutcomeDialog>(T["Action_RecordOutcome"], T["Snack_OutcomeRecorded"]);

    private async Task WithdrawAsync() => await ShowAsync<WithdrawDialog>(T["Action_Withdraw"], T["Snack_Withdrawn"]);

    private async Task ShowAsync<TDialog>(string title, string success)
        where TDialog : ReferralDialogBase
    {
        _conflict = null;
        var dialog = await Dialogs.ShowAsync<TDialog>(title, Parameters<TDialog>(await UserAsync()), ReferralDialogBase.Options);
        if (await dialog.Result is not { Canceled: false, Data: ReferralResult result })
        {
            return;
        }

        if (result.Conflict)
        {
            _conflict = result.Error;
            return;
        }

        Snackbar.Add(success, Severity.Success);
        await LoadAsync();
    }

    private async Task RevealAsync()
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(
            T["Reveal_Title"],
            T["Reveal_Text"],
            yesText: T["Reveal_Confirm"],
            cancelText: T["Action_Cancel"]);
        if (confirmed != true)
        {
            return;
        }

        try
        {
            _revealed = await Cases.RevealEmailAsync(await UserAsync(), ReferralId, CancellationToken.None);
            if (_revealed is null)
            {
                Snackbar.Add(T["Email_None"], Severity.Info);
                await LoadAsync();
            }
        }
        catch (UnauthorizedAccessException)
        {
            _denied = true;
        }
    }

    private async Task CopyAsync()
    {
        if (_revealed is null)
        {
            return;
        }

        try
        {
            await JS.InvokeVoidAsync("navigator.clipboard.writeText", _revealed);
            Snackbar.Add(T["Email_Copied"], Severity.Success);
        }
        catch (JSException)
        {
            Snackbar.Add(T["Email_CopyFailed"], Severity.Warning);
        }
    }

    private string? HistoryNote(ReferralHistoryEntry step) => step switch
    {
        { Note: null } => null,
        { To: ReferralStatus.Withdrawn } when Enum.TryParse<WithdrawalReason>(step.Note, out var reason) => E.Name(reason),
        { To: ReferralStatus.Declined } when Enum.TryParse<DeclineReason>(step.Note, out var reason) => E.Name(reason),
        _ => step.Note,
    };
}
