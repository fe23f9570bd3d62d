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
}
