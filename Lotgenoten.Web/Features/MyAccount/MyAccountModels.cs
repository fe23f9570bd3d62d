using Lotgenoten.Domain.Referrals;

namespace Lotgenoten.Web.Features.MyAccount;

/// <summary>Texts of the participant's preferences, help and account pages; see MyAccountTexts.resx.</summary>
public sealed class MyAccountTexts;

/// <summary>What the preferences page shows and edits.</summary>
public sealed class PreferencesInput
{
    /// <summary>"nl", "fr" or "en".</summary>
    public string Language { get; set; } = "nl";

    public bool FullTitles { get; set; }

    public bool EmailInvites { get; set; }

    /// <summary>0 for none, 60 (one hour) or 1440 (one day).</summary>
    public int ReminderMinutes { get; set; }

    public string? Pseudonym { get; set; }

    /// <summary>The membership these preferences belong to, and its version when read (optimistic concurrency).</summary>
    public Guid MembershipId { get; set; }

    public int MembershipVersion { get; set; }
}

/// <summary>The preferences as read: the input, and whether e-mail invites are possible (the referral has an address).</summary>
public sealed record PreferencesView(PreferencesInput Input, bool HasMembership, bool CanReceiveEmail);

/// <summary>The outcome of a change: ok, a message for one field, a conflict, or a general error.</summary>
public sealed record MyAccountResult(bool Succeeded, string? Field = null, string? Message = null, bool Conflict = false)
{
    public static MyAccountResult Ok { get; } = new(true);

    public static MyAccountResult Error(string message, string? field = null) => new(false, field, message);
}

/// <summary>The outcome of an erasure request.</summary>
public enum EraseOutcome
{
    Erased,
    WrongConfirmation,
    AlreadyErased,
}

/// <summary>Leaving the group: an optional reason.</summary>
public sealed class LeaveInput
{
    public WithdrawalReason? Reason { get; set; }
}

/// <summary>Erasing the account: confirmed with the passphrase, or with a passkey (the browser's assertion JSON).</summary>
public sealed class EraseInput
{
    public const int MaxPassphraseLength = 256;

    public string? Passphrase { get; set; }

    public string? CredentialJson { get; set; }
}
