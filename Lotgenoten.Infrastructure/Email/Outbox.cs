using Lotgenoten.Infrastructure.Data;
using Lotgenoten.Infrastructure.Protection;
using MimeKit;
using Microsoft.Extensions.Logging;

namespace Lotgenoten.Infrastructure.Email;

/// <summary>
/// <see cref="IOutbox"/>: validates the mail, encrypts the recipient and the body and adds an <see cref="OutboxMessage"/> to the
/// caller's context, so the caller's SaveChanges commits the mail with the change that causes it.
/// </summary>
internal sealed class Outbox(IFieldProtector protector, TimeProvider clock, ILogger<Outbox> logger) : IOutbox
{
    public void Enqueue(LotgenotenDbContext db, OutgoingEmail email)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(email);
        var to = ValidAddress(email.To);
        Validate(email);

        var message = OutboxMessage.Create(
            email.Kind, protector.Protect(ProtectionPurposes.OutboxRecipient, to), email.Subject,
            protector.Protect(ProtectionPurposes.OutboxBody, email.TextBody), email.Calendar,
            clock.GetUtcNow());
        db.Add(message);
        OutboxLog.Enqueued(logger, message.Id, message.Kind);
    }

    /// <summary>Exactly one plain mailbox (no list, no group, no display name tricks); the address only.</summary>
    internal static string ValidAddress(string? to)
    {
        // The exceptions never contain the value: it is an e-mail address.
        if (string.IsNullOrWhiteSpace(to))
        {
            throw new ArgumentException("A recipient is required.", nameof(to));
        }

        var trimmed = to.Trim();
        if (trimmed.Length > OutboxMessage.AddressMaxLength || trimmed.Any(char.IsControl)
            || !InternetAddressList.TryParse(ParserOptions.Default, trimmed, out var list)
            || list.Count != 1 || list[0] is not MailboxAddress mailbox || mailbox.Route.Count > 0
            || !string.IsNullOrEmpty(mailbox.Name) || mailbox.Address != trimmed
            || mailbox.Address.StartsWith('@') || mailbox.Address.EndsWith('@') || !mailbox.Address.Contains('@', StringComparison.Ordinal))
        {
            throw new ArgumentException("The recipient must be exactly one e-mail address.", nameof(to));
        }

        return mailbox.Address;
    }

    private static void Validate(OutgoingEmail email)
    {
        if (string.IsNullOrWhiteSpace(email.Kind) || email.Kind.Length > OutboxMessage.KindMaxLength || email.Kind.Any(char.IsControl))
        {
            throw new ArgumentException($"The kind must be 1 to {OutboxMessage.KindMaxLength} characters without control characters.", nameof(email));
        }

        if (string.IsNullOrWhiteSpace(email.Subject) || email.Subject.Length > OutboxMessage.SubjectMaxLength
            || email.Subject.Any(c => char.IsControl(c) || c is '\u2028' or '\u2029'))
        {
            throw new ArgumentException(
                $"The subject must be 1 to {OutboxMessage.SubjectMaxLength} characters without line breaks or control characters.", nameof(email));
        }

        if (email.TextBody is null || email.TextBody.Length > OutboxMessage.TextBodyMaxLength)
        {
            throw new ArgumentException($"The body must be at most {OutboxMessage.TextBodyMaxLength} characters.", nameof(email));
        }

        if (email.Calendar is { } calendar
            && (calendar.Content is null || calendar.Content.Length == 0 || calendar.Content.Length > OutboxMessage.CalendarMaxBytes))
        {
            throw new ArgumentException($"An invite must be 1 to {OutboxMessage.CalendarMaxBytes} bytes.", nameof(email));
        }
    }
}
