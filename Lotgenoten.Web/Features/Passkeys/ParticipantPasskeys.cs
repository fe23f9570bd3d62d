using System.Text;
using System.Text.Json;
using Lotgenoten.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;

namespace Lotgenoten.Web.Features.Passkeys;

/// <summary>
/// Passkeys (WebAuthn) of participants through ASP.NET Core Identity (.NET 10). The browser side is the
/// <see cref="PasskeySubmit"/> component: it asks one of the <see cref="PasskeyEndpoints"/> for options (which parks the
/// ceremony's challenge in Identity's short-lived, data-protected two-factor cookie), runs navigator.credentials.create/get
/// and posts its form with a field <c>{Name}.CredentialJson</c>, which the page hands to this class.
/// Every method answers null/false/failed on bad input (empty, garbage, replayed, wrong user) and never throws for it.
/// </summary>
public sealed class ParticipantPasskeys(
    SignInManager<ParticipantUser> signInManager,
    ILogger<ParticipantPasskeys> logger)
{
    /// <summary>The longest credential JSON accepted (a real one is 1–3 KB); anything longer is refused unread.</summary>
    public const int MaxCredentialJsonLength = 16 * 1024;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private UserManager<ParticipantUser> Users => signInManager.UserManager;

    /// <summary>
    /// Checks a new passkey (the browser's attestation JSON) made for an account that does not exist yet (sign-up while
    /// redeeming an invitation); null when it is not valid. The caller creates the account with
    /// <see cref="PasskeyForNewAccount.UserId"/> as its id and then calls <see cref="AddAsync"/>.
    /// </summary>
    public async Task<PasskeyForNewAccount?> AttestForNewAccountAsync(HttpContext http, string? credentialJson)
    {
        ArgumentNullException.ThrowIfNull(http);
        var result = await AttestAsync(http, credentialJson);
        if (result is null)
        {
            return null;
        }

        // The options were made for a prospective account (PasskeyEndpoints.NewAccountOptions): its id must be new.
        var userId = result.UserEntity.Id;
        if (string.IsNullOrEmpty(userId) || await Users.FindByIdAsync(userId) is not null)
        {
            PasskeyLog.AttestationRejected(logger, "the account already exists");
            return null;
        }

        return new PasskeyForNewAccount(userId, result.Passkey);
    }

    /// <summary>
    /// Checks a new passkey made by the signed-in <paramref name="user"/> for their own account (the passkeys card);
    /// null when it is not valid or was made for someone else.
    /// </summary>
    public async Task<PasskeyForNewAccount?> AttestForAccountAsync(HttpContext http, ParticipantUser user, string? credentialJson)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(user);
        var result = await AttestAsync(http, credentialJson);
        if (result is null)
        {
            return null;
        }

        if (!string.Equals(result.UserEntity.Id, user.Id, StringComparison.Ordinal))
        {
            PasskeyLog.AttestationRejected(logger, "made for another account");
            return null;
        }

        return new PasskeyForNewAccount(user.Id, result.Passkey);
    }

    /// <summary>Stores an attested passkey on the account.</summary>
    public async Task<IdentityResult> AddAsync(ParticipantUser user, PasskeyForNewAccount passkey)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(passkey);
        if (!string.Equals(user.Id, passkey.UserId, StringComparison.Ordinal))
        {
            return IdentityResult.Failed(new IdentityError
            {
                Code = "PasskeyUserMismatch",
                Description = "The passkey was made for another account.",
            });
        }

        // A credential id belongs to one account only.
        var owner = await Users.FindByPasskeyIdAsync(passkey.Passkey.CredentialId);
        if (owner is not null && !string.Equals(owner.Id, user.Id, StringComparison.Ordinal))
        {
            return IdentityResult.Failed(new IdentityError
            {
                Code = "PasskeyInUse",
                Description = "The passkey belongs to another account.",
            });
        }

        return await Users.AddOrUpdatePasskeyAsync(user, passkey.Passkey);
    }

    /// <summary>Whether the browser's assertion JSON proves possession of one of <paramref name="user"/>'s passkeys (e.g. to confirm erasure).</summary>
    public async Task<bool> VerifyAsync(HttpContext http, ParticipantUser user, string? credentialJson)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(user);
        var result = await AssertAsync(http, credentialJson);
        if (result is null || !string.Equals(result.User.Id, user.Id, StringComparison.Ordinal))
        {
            return false;
        }

        // Keep the signature counter current, as a sign-in does.
        var updated = await Users.AddOrUpdatePasskeyAsync(result.User, result.Passkey);
        return updated.Succeeded;
    }

    /// <summary>
    /// Signs in with a passkey (the browser's assertion JSON for request options made without a user, so the page never
    /// tells which login names exist). A locked-out account stays locked out: a passkey does not bypass the lockout that
    /// failed passphrases caused. A failed assertion (unknown credential, bad signature, wrong origin, stale challenge)
    /// counts towards the lockout of the account its user handle names, exactly as a wrong passphrase does. Success
    /// resets the failure count.
    /// </summary>
    public async Task<SignInResult> SignInAsync(HttpContext http, string? credentialJson)
    {
        ArgumentNullException.ThrowIfNull(http);
        var result = await AssertAsync(http, credentialJson);
        if (result is null)
        {
            return await CountFailureAsync(credentialJson);
        }

        var user = result.User;
        if (Users.SupportsUserLockout && await Users.IsLockedOutAsync(user))
        {
            return SignInResult.LockedOut;
        }

        if (!await signInManager.CanSignInAsync(user))
        {
            return SignInResult.NotAllowed;
        }

        var updated = await Users.AddOrUpdatePasskeyAsync(user, result.Passkey);
        if (!updated.Succeeded)
        {
            return SignInResult.Failed;
        }

        if (Users.SupportsUserLockout)
        {
            await Users.ResetAccessFailedCountAsync(user);
        }

        await signInManager.SignInAsync(user, isPersistent: false, authenticationMethod: "passkey");
        return SignInResult.Success;
    }

    /// <summary>
    /// A failed passkey sign-in counts against the account the credential names: its user handle (the account id, which
    /// a discoverable credential always carries), else the owner of its credential id. Nothing is counted when neither
    /// names an account. As with a passphrase, an account that is locked out already is not counted further.
    /// </summary>
    private async Task<SignInResult> CountFailureAsync(string? credentialJson)
    {
        if (!Users.SupportsUserLockout)
        {
            return SignInResult.Failed;
        }

        var user = await NamedUserAsync(credentialJson);
        if (user is null)
        {
            return SignInResult.Failed;
        }

        if (await Users.IsLockedOutAsync(user))
        {
            return SignInResult.LockedOut;
        }

        await Users.AccessFailedAsync(user);
        return await Users.IsLockedOutAsync(user) ? SignInResult.LockedOut : SignInResult.Failed;
    }

    /// <summary>The account a (failed) assertion names, read leniently from its JSON; null when it names none.</summary>
    private async Task<ParticipantUser?> NamedUserAsync(string? credentialJson)
    {
        if (!IsPlausible(credentialJson))
        {
            return null;
        }

        string? userHandle = null;
        string? credentialId = null;
        try
        {
            using var json = JsonDocument.Parse(credentialJson!);
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            if (root.TryGetProperty("response", out var response) && response.ValueKind == JsonValueKind.Object
                && response.TryGetProperty("userHandle", out var handle) && handle.ValueKind == JsonValueKind.String)
            {
                userHandle = handle.GetString();
            }

            if (root.TryGetProperty("rawId", out var rawId) && rawId.ValueKind == JsonValueKind.String)
            {
                credentialId = rawId.GetString();
            }
            else if (root.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String)
            {
                credentialId = id.GetString();
            }
        }
        catch (JsonException)
        {
            return null;
        }

        if (TryBase64Url(userHandle) is { Length: > 0 and <= 64 } handleBytes)
        {
            string userId;
            try
            {
                userId = StrictUtf8.GetString(handleBytes);
            }
            catch (DecoderFallbackException)
            {
                return null;
            }

            return await Users.FindByIdAsync(userId);
        }

        return TryBase64Url(credentialId) is { Length: > 0 and <= 1023 } idBytes
            ? await Users.FindByPasskeyIdAsync(idBytes)
            : null;
    }

    private static byte[]? TryBase64Url(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        try
        {
            return WebEncoders.Base64UrlDecode(value);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>Whether the account has at least one passkey.</summary>
    public async Task<bool> HasPasskeyAsync(ParticipantUser user) => await CountAsync(user) > 0;

    /// <summary>How many passkeys the account has.</summary>
    public async Task<int> CountAsync(ParticipantUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return (await Users.GetPasskeysAsync(user)).Count;
    }

    private async Task<Attested?> AttestAsync(HttpContext http, string? credentialJson)
    {
        if (!IsPlausible(credentialJson))
        {
            return null;
        }

        signInManager.Context = http;
        try
        {
            var result = await signInManager.PerformPasskeyAttestationAsync(credentialJson!);
            if (!result.Succeeded)
            {
                PasskeyLog.AttestationRejected(logger, result.Failure.Message);
                return null;
            }

            return new Attested(result.Passkey, result.UserEntity);
        }
        catch (Exception exception) when (IsBadInput(exception))
        {
            // No ceremony underway (no or expired options cookie) or a credential the handler could not read.
            PasskeyLog.AttestationRejected(logger, exception.GetType().Name);
            return null;
        }
    }

    private async Task<Asserted?> AssertAsync(HttpContext http, string? credentialJson)
    {
        if (!IsPlausible(credentialJson))
        {
            return null;
        }

        signInManager.Context = http;
        try
        {
            var result = await signInManager.PerformPasskeyAssertionAsync(credentialJson!);
            if (!result.Succeeded)
            {
                PasskeyLog.AssertionRejected(logger, result.Failure.Message);
                return null;
            }

            return new Asserted(result.Passkey, result.User);
        }
        catch (Exception exception) when (IsBadInput(exception))
        {
            PasskeyLog.AssertionRejected(logger, exception.GetType().Name);
            return null;
        }
    }

    private sealed record Attested(UserPasskeyInfo Passkey, PasskeyUserEntity UserEntity);

    private sealed record Asserted(UserPasskeyInfo Passkey, ParticipantUser User);

    private static bool IsPlausible(string? credentialJson) =>
        !string.IsNullOrWhiteSpace(credentialJson) && credentialJson.Length <= MaxCredentialJsonLength;

    private static bool IsBadInput(Exception exception) =>
        exception is InvalidOperationException or ArgumentException or JsonException or FormatException or PasskeyException;
}

/// <summary>An attested passkey for an account about to be created, and the user id the passkey was made for.</summary>
public sealed record PasskeyForNewAccount(string UserId, UserPasskeyInfo Passkey);
