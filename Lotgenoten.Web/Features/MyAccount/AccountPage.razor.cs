using Lotgenoten.Domain.Referrals;
using Lotgenoten.Infrastructure.Identity;
using Lotgenoten.Web.Components.Shared;
using Lotgenoten.Web.Features.Passkeys;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace Lotgenoten.Web.Features.MyAccount;

/// <summary>
/// Leave the group, download my data, erase my account. Server-rendered forms: erasing signs out, which needs the HTTP
/// request. Erasure is confirmed with the passphrase (failures count towards the lockout) or a passkey.
/// </summary>
public sealed partial class AccountPage
{
    [Inject]
    private MyAccountService Service { get; set; } = default!;

    [Inject]
    private SignInManager<ParticipantUser> SignInManager { get; set; } = default!;

    [Inject]
    private ParticipantPasskeys Passkeys { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private IStringLocalizer<MyAccountTexts> T { get; set; } = default!;

    [Inject]
    private IStringLocalizer<EnumTexts> EnumT { get; set; } = default!;

    [CascadingParameter]
    private HttpContext HttpContext { get; set; } = default!;

    [SupplyParameterFromForm(FormName = "leave-group")]
    private LeaveInput? LeaveModel { get; set; }

    [SupplyParameterFromForm(FormName = "erase-account")]
    private EraseInput? EraseModel { get; set; }

    [SupplyParameterFromForm(FormName = "erase-account-passkey", Name = "Passkey")]
    private PasskeyCredentialInput? ErasePasskeyModel { get; set; }

    /// <summary>The reasons a participant can give (not the ones only staff record).</summary>
    private static IReadOnlyList<WithdrawalReason> LeaveReasons { get; } =
    [
        WithdrawalReason.NoLongerNeeded, WithdrawalReason.FoundOtherHelp, WithdrawalReason.PracticalReasons,
        WithdrawalReason.PrivacyConcerns, WithdrawalReason.GroupNotSuitable, WithdrawalReason.Other,
    ];

    private bool IsMember { get; set; }

    private bool Left { get; set; }

    private string? EraseError { get; set; }

    /// <summary>Whether the account has a passphrase (a passkey-only account is not asked for one).</summary>
    private bool HasPassphrase { get; set; } = true;

    /// <summary>Whether the account has a passkey to confirm with.</summary>
    private bool HasPasskey { get; set; }

    protected override async Task OnInitializedAsync()
    {
        LeaveModel ??= new LeaveInput();
        EraseModel ??= new EraseInput();
        ErasePasskeyModel ??= new PasskeyCredentialInput();
        IsMember = await Service.IsMemberAsync(HttpContext.User, HttpContext.RequestAborted);
        if (await SignInManager.UserManager.GetUserAsync(HttpContext.User) is { } account)
        {
            HasPassphrase = await SignInManager.UserManager.HasPasswordAsync(account);
            HasPasskey = await Passkeys.HasPasskeyAsync(account);
        }
    }

    private async Task LeaveAsync()
    {
        Left = await Service.LeaveAsync(HttpContext.User, LeaveModel?.Reason, HttpContext.RequestAborted);
        IsMember = await Service.IsMemberAsync(HttpContext.User, HttpContext.RequestAborted);
    }

    private async Task EraseWithPassphraseAsync()
    {
        var account = await SignInManager.UserManager.GetUserAsync(HttpContext.User);
        if (account is null || !await MyAccountService.VerifyPassphraseAsync(SignInManager, account, EraseModel?.Passphrase))
        {
            EraseModel = new EraseInput();
            EraseError = T["Erase_Wrong"];
            return;
        }

        await EraseAndSignOutAsync();
    }

    private async Task EraseWithPasskeyAsync()
    {
        var account = await SignInManager.UserManager.GetUserAsync(HttpContext.User);
        if (account is null || !await Passkeys.VerifyAsync(HttpContext, account, ErasePasskeyModel?.CredentialJson))
        {
            ErasePasskeyModel = new PasskeyCredentialInput();
            EraseError = T["Erase_PasskeyFailed"];
            return;
        }

        await EraseAndSignOutAsync();
    }

    private async Task EraseAndSignOutAsync()
    {
        await Service.EraseAsync(HttpContext.User, HttpContext.RequestAborted);
        await SignInManager.SignOutAsync();
        Navigation.NavigateTo(MyAccountSetup.GoodbyePath, forceLoad: true);
    }
}
