using Lotgenoten.Domain.Common;
using Lotgenoten.Infrastructure.Calendar;

namespace Lotgenoten.Infrastructure.Email;

/// <summary>Where an outbox message is in its life.</summary>
public enum OutboxStatus
{
    /// <summary>Waiting to be sent (first time or after a failed attempt) at <see cref="OutboxMessage.NextAttemptAt"/>.</summary>
    Pending,

    /// <summary>Claimed by a dispatcher until <see cref="OutboxMessage.LockedUntil"/> (a lease); due again when it expires.</summary>
    Sending,

    /// <summary>Handed to the SMTP server (or written to the pickup folder).</summary>
    Sent,

    /// <summary>Given up after the maximum number of attempts; a coordinator may retry it.</summary>
    Failed,
}

/// <summary>
/// One e-mail in the transactional outbox. The recipient is stored encrypted (<see cref="RecipientCiphertext"/>); the
/// recipient and the content are erased some days after the message was sent or failed for good (<see cref="Erase"/>).
/// <see cref="LastError"/> holds an error class only (e.g. <c>smtp-550</c>), never an address or content.
/// Changes go through the methods, each of which raises <see cref="Version"/> (the optimistic-concurrency token), so two
/// dispatchers can never both claim the same message.
/// </summary>
public sealed class OutboxMessage
{
    public const int KindMaxLength = 64;
    public const int AddressMaxLength = 254;
    public const int SubjectMaxLength = 200;
    public const int TextBodyMaxLength = 100_000;
    public const int CalendarMaxBytes = 1_000_000;
    public const int ErrorMaxLength = 64;

    /// <summary>Room for an encrypted address of at most <see cref="AddressMaxLength"/> characters.</summary>
    public static readonly int RecipientCiphertextMaxLength = Protection.FieldProtection.MaxProtectedLength(AddressMaxLength);

    /// <summary>Room for an encrypted body of at most <see cref="TextBodyMaxLength"/> characters.</summary>
    public static readonly int TextBodyCiphertextMaxLength = Protection.FieldProtection.MaxProtectedLength(TextBodyMaxLength);

    private OutboxMessage()
    {
    }

    public Guid Id { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public string Kind { get; private set; } = "";

    /// <summary>The recipient, encrypted with purpose <c>ProtectionPurposes.OutboxRecipient</c>; null once erased.</summary>
    public string? RecipientCiphertext { get; private set; }

    /// <summary>Null once erased.</summary>
    public string? Subject { get; private set; }

    /// <summary>
    /// The plain-text body, encrypted with purpose <c>ProtectionPurposes.OutboxBody</c> (it may hold an invitation link
    /// or code); null once erased.
    /// </summary>
    public string? TextBodyCiphertext { get; private set; }

    public CalendarMethod? CalendarMethod { get; private set; }

    /// <summary>UTF-8 bytes of the VCALENDAR; null when the mail has no invite, or once erased.</summary>
    public byte[]? CalendarContent { get; private set; }

    public OutboxStatus Status { get; private set; }

    /// <summary>Attempts started (counted when a dispatcher claims the message).</summary>
    public int Attempts { get; private set; }

    public DateTimeOffset NextAttemptAt { get; private set; }

    /// <summary>The end of the current claim's lease (status <see cref="OutboxStatus.Sending"/>).</summary>
    public DateTimeOffset? LockedUntil { get; private set; }

    public DateTimeOffset? SentAt { get; private set; }

    public DateTimeOffset? FailedAt { get; private set; }

    /// <summary>When the recipient and content were erased; null while they are kept.</summary>
    public DateTimeOffset? ErasedAt { get; private set; }

    /// <summary>The class of the last error (e.g. <c>smtp-550</c>, <c>socket-ConnectionRefused</c>); never an address.</summary>
    public string? LastError { get; private set; }

    public int Version { get; private set; }

    public bool IsErased => ErasedAt is not null;

    internal static OutboxMessage Create(
        string kind, string recipientCiphertext, string subject, string textBodyCiphertext, CalendarDocument? calendar, DateTimeOffset now) =>
        new()
        {
            Id = Ids.New(now),
            CreatedAt = now,
            Kind = kind,
            RecipientCiphertext = recipientCiphertext,
            Subject = subject,
            TextBodyCiphertext = textBodyCiphertext,
            CalendarMethod = calendar?.Method,
            CalendarContent = calendar?.Content.ToArray(),
            Status = OutboxStatus.Pending,
            NextAttemptAt = now,
        };

    /// <summary>Whether a dispatcher may claim it at <paramref name="now"/>: pending and due, or a lease that expired.</summary>
    public bool IsDue(DateTimeOffset now) =>
        !IsErased
        && ((Status == OutboxStatus.Pending && NextAttemptAt <= now)
            || (Status == OutboxStatus.Sending && LockedUntil is { } until && until <= now));

    /// <summary>Takes a lease on the message and counts the attempt.</summary>
    internal void Claim(DateTimeOffset now, TimeSpan lease)
    {
        if (!IsDue(now))
        {
            throw new InvalidOperationException("The message is not due.");
        }

        Status = OutboxStatus.Sending;
        LockedUntil = now + lease;
        Attempts++;
        Version++;
    }

    internal void MarkSent(DateTimeOffset now)
    {
        Status = OutboxStatus.Sent;
        SentAt = now;
        LockedUntil = null;
        LastError = null;
        Version++;
    }

    /// <summary>After a failed attempt: due again at <paramref name="nextAttemptAt"/>, or failed for good when null.</summary>
    internal void MarkAttemptFailed(string errorClass, DateTimeOffset now, DateTimeOffset? nextAttemptAt)
    {
        LastError = errorClass.Length > ErrorMaxLength ? errorClass[..ErrorMaxLength] : errorClass;
        LockedUntil = null;
        if (nextAttemptAt is { } next)
        {
            Status = OutboxStatus.Pending;
            NextAttemptAt = next;
        }
        else
        {
            Status = OutboxStatus.Failed;
            FailedAt = now;
        }

        Version++;
    }

    /// <summary>A coordinator's retry of a failed message: pending again now, attempts from zero.</summary>
    /// <returns>False when the message is not failed, or its content was already erased (nothing left to send).</returns>
    internal bool Retry(DateTimeOffset now)
    {
        if (Status != OutboxStatus.Failed || IsErased)
        {
            return false;
        }

        Status = OutboxStatus.Pending;
        Attempts = 0;
        NextAttemptAt = now;
        FailedAt = null;
        LastError = null;
        Version++;
        return true;
    }

    /// <summary>Erases the recipient and the content (privacy); keeps kind, status, times and the error class.</summary>
    internal void Erase(DateTimeOffset now)
    {
        RecipientCiphertext = null;
        Subject = null;
        TextBodyCiphertext = null;
        CalendarContent = null;
        ErasedAt = now;
        Version++;
    }
}
