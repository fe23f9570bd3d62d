using Lotgenoten.Domain.Invitations;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;

namespace Lotgenoten.Web.Features.Invitations;

/// <summary>
/// Redeeming an invitation, server-rendered: <c>/uitnodiging</c> asks for the code, <c>/uitnodiging/{token}</c> comes from
/// the e-mail's link. A working code shows two sentences about the group and the account form (login name, passphrase
/// or passkey, pseudonym); success signs the relative in and goes to <c>/mijn</c>.
/// </summary>
public sealed partial class RedeemPage
{
    private Step _step = Step.Code;

    private RedemptionResult? _result;

    private enum Step
    {
        Code,
        Account,
        LinkInvalid,
    }

    /// <summary>The link token from the invitation e-mail; null when the relative types the code.</summary>
    [Parameter]
    public string? Token { get; set; }

    [Inject]
    private InvitationRedemptionService Redemption { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private IStringLocalizer<RedeemTexts> T { get; set; } = default!;

    [CascadingParameter]
    private HttpContext HttpContext { get; set; } = default!;

    [SupplyParameterFromForm(FormName = "redeem-code")]
    private RedeemCodeInput? CodeInput { get; set; }

    [SupplyParameterFromForm(FormName = "redeem-account")]
    private RedeemInput? Input { get; set; }

    private string? Message { get; set; }

    protected override async Task OnInitializedAsync()
    {
        // The account form posted (Input came from the form): it must be on the page for its handler to run.
        var accountPosted = Input is not null;
        CodeInput ??= new RedeemCodeInput();
        Input ??= new RedeemInput();
        if (accountPosted)
        {
            _step = Step.Account;
        }

        if (Token is not null)
        {
            _step = Step.Account;
            if (HttpMethods.IsGet(HttpContext.Request.Method) || HttpMethods.IsHead(HttpContext.Request.Method))
            {
                Show(await Redemption.CheckAsync(HttpContext, null, Token, HttpContext.RequestAborted));
            }
        }
    }

    private async Task CheckCodeAsync()
    {
        var typed = CodeInput?.Code;
        var result = await Redemption.CheckAsync(HttpContext, typed, null, HttpContext.RequestAborted);
        if (result.Outcome == RedemptionOutcome.Ready)
        {
            Input = new RedeemInput { Code = InvitationCode.Format(InvitationCode.Normalize(typed)!) };
        }

        // A code that does not work stays in the field, so that the relative can check it as the message asks.
        Show(result);
    }

    private async Task RedeemAsync()
    {
        Input ??= new RedeemInput();
        var result = await Redemption.RedeemAsync(HttpContext, Input, Token, HttpContext.RequestAborted);
        if (result.Succeeded)
        {
            Navigation.NavigateTo(InvitationRedemptionService.HomePath, forceLoad: true);
            return;
        }

        // Secrets are never sent back into the page.
        Input.Passphrase = null;
        Input.PassphraseConfirmation = null;
        Input.CredentialJson = null;
        Show(result);
    }

    private void Show(RedemptionResult result)
    {
        _result = result;
        Message = result.Message;
        _step = result.Outcome switch
        {
            RedemptionOutcome.Ready or RedemptionOutcome.Invalid or RedemptionOutcome.Failed => Step.Account,
            _ when Token is not null => Step.LinkInvalid,
            _ => Step.Code,
        };
    }

    private string? Error(string field) => _result?[field];

    private string? Invalid(string field) => Error(field) is null ? null : "true";

    private string InputClass(string field) => Error(field) is null ? "lg-input" : "lg-input lg-input-invalid";

    private string Describe(string id, string field) => Error(field) is null ? $"{id}-help" : $"{id}-error {id}-help";
}
