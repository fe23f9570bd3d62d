using Lotgenoten.Infrastructure.Identity;
using Lotgenoten.Web.Features.Account;
using Lotgenoten.Web.Features.Passkeys;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace Lotgenoten.Web.Features.Participants;

/// <summary>
/// The relatives' sign-in: login name and passphrase through ASP.NET Core Identity, locked out after repeated failures.
/// Every failure gets the same message, so the page never tells whether a login name exists.
/// </summary>
public sealed partial class ParticipantLogin
{
    [Inject]
    private SignInManager<ParticipantUser> SignInManager { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private IStringLocalizer<ParticipantTexts> T { get; set; } = default!;

    [Inject]
    private IStringLocalizer<PasskeyTexts> PasskeyT { get; set; } = default!;

    [Inject]
    private ParticipantPasskeys Passkeys { get; set; } = default!;

    [Inject]
    private ILogger<ParticipantLogin> Logger { get; set; } = default!;

    [Inject]
    private ParticipantRateLimiter Limiter { get; set; } = default!;

    [CascadingParameter]
    private HttpContext HttpContext { get; set; } = default!;

    [SupplyParameterFromForm(FormName = "participant-login")]
    private ParticipantLoginInput? Input { get; set; }

    [SupplyParameterFromForm(FormName = "participant-passkey", Name = "Passkey")]
    private PasskeyCredentialInput? PasskeyInput { get; set; }

    [SupplyParameterFromQuery(Name = AuthenticationSetup.ReturnUrlParameter)]
    private string? ReturnUrl { get; set; }

    private string? ErrorMessage { get; set; }

    protected override void OnInitialized()
    {
        Input ??= new ParticipantLoginInput();
        PasskeyInput ??= new PasskeyCredentialInput();
    }

    private async Task SignInAsync()
    {
        Input ??= new ParticipantLoginInput();
        var userName = Input.UserName?.Trim();
        var passphrase = Input.Passphrase;
        if (string.IsNullOrEmpty(userName) || string.IsNullOrEmpty(passphrase)
            || userName.Length > ParticipantLoginInput.MaxLength || passphrase.Length > ParticipantLoginInput.MaxLength)
        {
            ErrorMessage = T["Login_Missing"];
            return;
        }

        if (IsRateLimited())
        {
            Input.Passphrase = null;
            return;
        }

        // A browser holds one session at a time: a staff session on the same browser ends here.
        await HttpContext.SignOutAsync(AuthSchemes.StaffCookie);

        var result = await SignInManager.PasswordSignInAsync(userName, passphrase, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            Navigation.NavigateTo(LocalUrl.OrDefault(ReturnUrl, "/mijn"), forceLoad: true);
            return;
        }

        RecordFailure(result);
        Input.Passphrase = null;
        ErrorMessage = T["Login_Failed"];
    }

    private async Task PasskeySignInAsync()
    {
        if (IsRateLimited())
        {
            PasskeyInput = new PasskeyCredentialInput();
            return;
        }

        // A browser holds one session at a time: a staff session on the same browser ends here.
        await HttpContext.SignOutAsync(AuthSchemes.StaffCookie);

        // Same checks as the passphrase: a locked-out account stays locked out, and every failure reads the same.
        var result = await Passkeys.SignInAsync(HttpContext, PasskeyInput?.CredentialJson);
        if (result.Succeeded)
        {
            Navigation.NavigateTo(LocalUrl.OrDefault(ReturnUrl, "/mijn"), forceLoad: true);
            return;
        }

        RecordFailure(result);
        PasskeyInput = new PasskeyCredentialInput();
        ErrorMessage = T["Login_Failed"];
    }

    /// <summary>
    /// Whether this client has failed too often lately (<see cref="ParticipantRateLimit.SignInFailures"/>): then nothing
    /// is checked, the answer is 429 with <c>Retry-After</c>, and the page says so without naming any account.
    /// </summary>
    private bool IsRateLimited()
    {
        if (Limiter.RetryAfter(ParticipantRateLimit.SignInFailures, ParticipantRateLimiter.ClientOf(HttpContext)) is not { } wait)
        {
            return false;
        }

        ParticipantLog.SignInRateLimited(Logger);
        HttpContext.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        HttpContext.Response.Headers.RetryAfter = ParticipantRateLimiter.RetryAfterHeader(wait);
        ErrorMessage = T["Login_TooMany"];
        return true;
    }

    private void RecordFailure(SignInResult result)
    {
        ParticipantLog.SignInFailed(Logger, result.IsLockedOut);
        Limiter.Record(ParticipantRateLimit.SignInFailures, ParticipantRateLimiter.ClientOf(HttpContext));
    }
}
