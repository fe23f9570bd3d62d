using Lotgenoten.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;

namespace Lotgenoten.Web.Features.Passkeys;

/// <summary>
/// STUB (helper P2 replaces the bodies; the signatures are the contract others code against): passkeys (WebAuthn) of
/// participants through ASP.NET Core Identity (.NET 10). The browser side is the <c>PasskeySubmit</c> component, which
/// runs navigator.credentials.create/get and posts its form with a field <c>{Name}.CredentialJson</c>.
/// </summary>
public sealed class ParticipantPasskeys
{
    /// <summary>
    /// Checks a new passkey (the browser's attestation JSON) made for an account that does not exist yet (sign-up while
    /// redeeming an invitation); null when it is not valid. The caller creates the account with
    /// <see cref="PasskeyForNewAccount.UserId"/> as its id and then calls <see cref="AddAsync"/>.
    /// </summary>
    public Task<PasskeyForNewAccount?> AttestForNewAccountAsync(HttpContext http, string? credentialJson) =>
        throw new NotImplementedException();

    /// <summary>Stores an attested passkey on the account.</summary>
    public Task<IdentityResult> AddAsync(ParticipantUser user, PasskeyForNewAccount passkey) =>
        throw new NotImplementedException();

    /// <summary>Whether the browser's assertion JSON proves possession of one of <paramref name="user"/>'s passkeys (e.g. to confirm erasure).</summary>
    public Task<bool> VerifyAsync(HttpContext http, ParticipantUser user, string? credentialJson) =>
        throw new NotImplementedException();

    /// <summary>Whether the account has at least one passkey.</summary>
    public Task<bool> HasPasskeyAsync(ParticipantUser user) =>
        throw new NotImplementedException();
}

/// <summary>An attested passkey for an account about to be created, and the user id the passkey was made for.</summary>
public sealed record PasskeyForNewAccount(string UserId, UserPasskeyInfo Passkey);
