using System.Globalization;
using System.Resources;
using Lotgenoten.Domain.Common;
using Lotgenoten.Domain.Groups;
using Lotgenoten.Domain.Meetings;
using Lotgenoten.Domain.Referrals;
using Lotgenoten.Infrastructure.Calendar;
using Lotgenoten.Infrastructure.Data;
using Lotgenoten.Infrastructure.Email;
using Lotgenoten.Infrastructure.Protection;
using Microsoft.EntityFrameworkCore;

namespace Lotgenoten.Web.Features.Meetings;

/// <summary>
/// Queues the invites that a change to a group's meetings causes, in the caller's context, so that they are written in
/// the same SaveChanges as the change (the outbox sends them). One mail per recipient, each naming only its recipient;
/// only members who opted in to e-mail invites and whose referral still holds an address get one. Call it BEFORE
/// SaveChanges, with the group's memberships loaded.
/// </summary>
public sealed class MeetingInvites(ICalendarWriter writer, IOutbox outbox, IFieldProtector protector)
{
    private static readonly ResourceManager Resources = new(typeof(MeetingMailTexts));

    /// <summary>A new series: one recurring invite per recipient.</summary>
    public Task<int> QueueSeriesInvitesAsync(LotgenotenDbContext db, PeerGroup group, MeetingSeries series, IReadOnlyList<Meeting> meetings, CancellationToken ct) =>
        QueueAsync(db, group, "SeriesInvite", r => writer.SeriesInvite(group, series, meetings, r), ct);

    /// <summary>A whole series cancelled.</summary>
    public Task<int> QueueSeriesCancelAsync(LotgenotenDbContext db, PeerGroup group, MeetingSeries series, CancellationToken ct) =>
        QueueAsync(db, group, "SeriesCancel", r => writer.SeriesCancel(group, series, r), ct);

    /// <summary>One meeting moved (or added outside a series, or its place changed).</summary>
    public Task<int> QueueMeetingUpdateAsync(LotgenotenDbContext db, PeerGroup group, MeetingSeries? series, Meeting meeting, CancellationToken ct) =>
        QueueAsync(db, group, "MeetingUpdate", r => writer.MeetingUpdate(group, series, meeting, r), ct);

    /// <summary>One meeting cancelled on its own.</summary>
    public Task<int> QueueMeetingCancelAsync(LotgenotenDbContext db, PeerGroup group, MeetingSeries? series, Meeting meeting, CancellationToken ct) =>
        QueueAsync(db, group, "MeetingCancel", r => writer.MeetingCancel(group, series, meeting, r), ct);

    private async Task<int> QueueAsync(LotgenotenDbContext db, PeerGroup group, string kind, Func<CalendarRecipient, CalendarDocument> build, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(group);
        var members = group.Memberships.Where(m => m.IsMember && m.EmailInvites).ToList();
        if (members.Count == 0)
        {
            return 0;
        }

        var referralIds = members.Select(m => m.ReferralId).ToList();
        var addresses = await db.Set<Referral>().AsNoTracking()
            .Where(r => referralIds.Contains(r.Id) && r.EmailCiphertext != null)
            .Select(r => new { r.Id, r.EmailCiphertext, r.Language })
            .ToDictionaryAsync(r => r.Id, ct);

        var queued = 0;
        foreach (var member in members)
        {
            if (!addresses.TryGetValue(member.ReferralId, out var referral))
            {
                continue;
            }

            var to = protector.Unprotect(ProtectionPurposes.ReferralEmail, referral.EmailCiphertext!);
            var language = referral.Language.ToCode();
            var document = build(new CalendarRecipient(to, language, member.FullTitles, member.ReminderMinutes));
            var cancel = document.Method == CalendarMethod.Cancel;
            var subject = Text(cancel ? "Mail_Cancel_Subject" : "Mail_Invite_Subject", language);
            var body = Text(cancel ? "Mail_Cancel_Body" : "Mail_Invite_Body", language);
            outbox.Enqueue(db, new OutgoingEmail(to, subject, body, document, kind));
            queued++;
        }

        return queued;
    }

    /// <summary>A text in the recipient's language, not the signed-in user's: a mail is read by its recipient.</summary>
    private static string Text(string name, string language) =>
        Resources.GetString(name, CultureInfo.GetCultureInfo(language)) ?? name;
}

/// <summary>Texts of the invite mails; see MeetingMailTexts.resx. Neutral: no organisation, no subject matter.</summary>
public sealed class MeetingMailTexts;
