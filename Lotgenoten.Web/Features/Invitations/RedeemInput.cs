namespace Lotgenoten.Web.Features.Invitations;

/// <summary>Step one of redeeming: the code as typed (normalised with <c>InvitationCode.Normalize</c> by the service).</summary>
public sealed class RedeemCodeInput
{
    /// <summary>The longest input looked at; <c>InvitationCode.Normalize</c> refuses anything longer.</summary>
    public const int MaxLength = 40;

    public string? Code { get; set; }
}

/// <summary>
/// Step two: the account. The code travels along as a hidden field (or the link token in the address). Either a
/// passphrase (twice) or a passkey (<see cref="CredentialJson"/>, filled by <c>PasskeySubmit</c>); a pseudonym for the group.
/// </summary>
public sealed class RedeemInput
{
    public const int UserNameMinLength = 3;
    public const int UserNameMaxLength = 40;
    public const int PassphraseMinLength = 12;
    public const int PassphraseMaxLength = 256;

    public string? Code { get; set; }

    public string? UserName { get; set; }

    public string? Passphrase { get; set; }

    public string? PassphraseConfirmation { get; set; }

    public string? Pseudonym { get; set; }

    /// <summary>The browser's attestation of a new passkey (WebAuthn JSON); empty on the passphrase path.</summary>
    public string? CredentialJson { get; set; }

    /// <summary>Whether the relative chose a passkey rather than a passphrase.</summary>
    public bool UsesPasskey => !string.IsNullOrWhiteSpace(CredentialJson);
}

/// <summary>How a check or a redemption ended.</summary>
public enum RedemptionOutcome
{
    /// <summary>The code works: ask for the account.</summary>
    Ready,

    /// <summary>The account exists, the relative joined the group and is signed in.</summary>
    Redeemed,

    /// <summary>Wrong, expired, used or revoked: one message for all.</summary>
    InvalidCode,

    /// <summary>Too many failed attempts from this client or for this code: no lookup was made.</summary>
    TooManyAttempts,

    /// <summary>The code works, but a field needs another value (see <see cref="RedemptionResult.FieldErrors"/>).</summary>
    Invalid,

    /// <summary>Something went wrong while saving (e.g. someone joined with the same name at the same moment): nothing was kept.</summary>
    Failed,
}

/// <summary>What the page shows after a check or a redemption.</summary>
public sealed record RedemptionResult(RedemptionOutcome Outcome, string? Message, IReadOnlyDictionary<string, string> FieldErrors)
{
    private static readonly IReadOnlyDictionary<string, string> NoErrors = new Dictionary<string, string>();

    public bool Succeeded => Outcome == RedemptionOutcome.Redeemed;

    public string? this[string field] => FieldErrors.TryGetValue(field, out var message) ? message : null;

    public static RedemptionResult Of(RedemptionOutcome outcome, string? message = null) => new(outcome, message, NoErrors);
}
