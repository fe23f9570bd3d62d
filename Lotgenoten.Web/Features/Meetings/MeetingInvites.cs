using Lotgenoten.Domain.Groups;
using Lotgenoten.Domain.Meetings;
using Lotgenoten.Domain.Referrals;
using Lotgenoten.Infrastructure.Calendar;
using Lotgenoten.Infrastructure.Data;
using Lotgenoten.Infrastructure.Email;
using Lotgenoten.Infrastructure.Protection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Lotgenoten.Web.Features.Meetings;

/// <summary>
/// Queues the invites that a change to a group's meetings causes, in the caller's context, so that they are written in
/// the same SaveChanges as the change (the outbox sends them). One mail per recipient, each naming only its recipient;
/// only members who opted in to e-mail invites and whose referral still holds an address get one. Call it BEFORE
/// SaveChanges, with the group's memberships loaded.
/// </summary>
public sealed class MeetingInvites(
    ICalendarWriter writer,
    IOutbox outbox,
    IFieldProtector protector,
    IStringLocalizerFactory localizers)
{
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
            var language = referral.Language switch
            {
                Domain.Common.Language.Fr => "fr",
                Domain.Common.Language.En => "en",
                _ => "nl",
            };
            var document = build(new CalendarRecipient(to, language, member.FullTitles, member.ReminderMinutes));
            var texts = Texts(language);
            var subject = document.Method == CalendarMethod.Cancel ? texts["Mail_Cancel_Subject"] : texts["Mail_Invite_Subject"];
            var body = document.Method == CalendarMethod.Cancel ? texts["Mail_Cancel_Body"] : texts["Mail_Invite_Body"];
            outbox.Enqueue(db, new OutgoingEmail(to, subject, body, document, kind));
            queued++;
        }

        return queued;
    }

    /// <summary>The recipient's language, not the coordinator's: a mail is read by its recipient.</summary>
    private IStringLocalizer Texts(string language)
    {
        var previous = System.Globalization.CultureInfo.CurrentUICulture;
        try
        {
            System.Globalization.CultureInfo.CurrentUICulture = System.Globalization.CultureInfo.GetCultureInfo(language == "nl" ? "nl-BE" : language == "fr" ? "fr-BE" : "en");
            var localizer = localizers.Create(typeof(MeetingMailTexts));
            return new FixedCultureLocalizer(localizer.GetAllStrings(includeParentCultures: true).ToDictionary(s => s.Name, s => s.Value));
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentUICulture = previous;
        }
    }

    private sealed class FixedCultureLocalizer(Dictionary<string, string> values) : IStringLocalizer
    {
        public LocalizedString this[string name] => new(name, values.TryGetValue(name, out var v) ? v : name, !values.ContainsKey(name));

        public LocalizedString this[string name, params object[] arguments] =>
            new(name, string.Format(System.Globalization.CultureInfo.InvariantCulture, this[name].Value, arguments));

        public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) =>
            values.Select(v => new LocalizedString(v.Key, v.Value));
    }
}

/// <summary>Texts of the invite mails; see MeetingMailTexts.resx. Neutral: no organisation, no subject matter.</summary>
public sealed class MeetingMailTexts;
