namespace Lotgenoten.Infrastructure.Protection;

/// <summary>
/// Data Protection purposes, one per kind of protected field, so that a ciphertext of one kind can never be
/// unprotected as another.
/// </summary>
public static class ProtectionPurposes
{
    public const string ReferralEmail = "Lotgenoten.Referral.Email.v1";
    public const string NoteText = "Lotgenoten.Note.Text.v1";
    public const string NoteDraft = "Lotgenoten.Note.Draft.v1";
    public const string ConcernAction = "Lotgenoten.Concern.Action.v1";
    public const string OutboxRecipient = "Lotgenoten.Outbox.Recipient.v1";
    public const string OutboxBody = "Lotgenoten.Outbox.Body.v1";

    /// <summary>Blind-index purpose of an invitation's short code (a keyed hash: a database dump cannot brute-force it).</summary>
    public const string InvitationCode = "Lotgenoten.Invitation.Code.v1";

    /// <summary>Blind-index purpose of an invitation's link token.</summary>
    public const string InvitationLink = "Lotgenoten.Invitation.Link.v1";
}
