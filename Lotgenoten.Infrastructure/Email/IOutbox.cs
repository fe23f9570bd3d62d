using Lotgenoten.Infrastructure.Calendar;
using Lotgenoten.Infrastructure.Data;

namespace Lotgenoten.Infrastructure.Email;

/// <summary>An e-mail to send: to one recipient, neutral subject, a plain-text body, and optionally an invite.</summary>
/// <param name="To">The one recipient; stored encrypted in the outbox and never logged.</param>
/// <param name="Subject">A neutral subject (no organisation name, no subject matter).</param>
/// <param name="TextBody">The plain-text part.</param>
/// <param name="Calendar">An invite, carried inline (text/calendar; method=…) and as an .ics attachment.</param>
/// <param name="Kind">What kind of mail this is (for counts and the failed-messages page; no content).</param>
public sealed record OutgoingEmail(string To, string Subject, string TextBody, CalendarDocument? Calendar, string Kind);

/// <summary>
/// The transactional outbox: <see cref="Enqueue"/> adds the message to the caller's context, so it is written in the same
/// SaveChanges as the change that causes it; a background worker sends it, retries with backoff, and never sends twice.
/// </summary>
public interface IOutbox
{
    /// <summary>Adds the message to <paramref name="db"/> (not saved: the caller's SaveChanges commits it with its change).</summary>
    void Enqueue(LotgenotenDbContext db, OutgoingEmail email);
}
