using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Serialization;
using Lotgenoten.Domain.Attendance;
using Lotgenoten.Domain.Audit;
using Lotgenoten.Domain.Calendars;
using Lotgenoten.Domain.Common;
using Lotgenoten.Domain.Groups;
using Lotgenoten.Domain.Meetings;
using Lotgenoten.Domain.Referrals;
using Lotgenoten.Infrastructure.Calendar.Feeds;
using Lotgenoten.Infrastructure.Data;
using Lotgenoten.Infrastructure.Demo;
using Lotgenoten.Infrastructure.Identity;
using Lotgenoten.Infrastructure.Sessions;
using Lotgenoten.Infrastructure.Protection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Lotgenoten.Web.Features.MyAccount;

/// <summary>
/// The signed-in participant's own account: preferences, pseudonym, leaving the group, the export of their data and the
/// erasure of their account. Every method works on the caller's own records only (found by their account id, never by
/// an id the page sends that is not checked against it), and refuses anyone who is not a participant.
/// </summary>
public sealed class MyAccountService(
    IDbContextFactory<LotgenotenDbContext> dbFactory,
    TimeProvider time,
    IFieldProtector protector,
    IStringLocalizer<MyAccountTexts> texts,
    ILogger<MyAccountService> logger)
{
    /// <summary>The actor recorded for what a participant does to their referral (never their account id or a name).</summary>
    public const string ParticipantActor = "participant";

    /// <summary>The non-identifying actor of the audit event of an erasure.</summary>
    public const string ErasedActor = "participant-erased";

    private static readonly JsonSerializerOptions ExportJson = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    /// <summary>The reminders offered: none (0), one hour, one day.</summary>
    public static IReadOnlyList<int> ReminderChoices { get; } = [0, .. Membership.AllowedReminders];

    /// <summary>The languages offered.</summary>
    public static IReadOnlyList<string> Languages { get; } = ["nl", "fr", "en"];

    /// <summary>The culture (see Features/Culture) of a language code.</summary>
    public static string CultureOf(string language) => language switch
    {
        "fr" => "fr-BE",
        "en" => "en",
        _ => "nl-BE",
    };

    /// <summary>The participant's preferences, from their current membership (the earliest joined one still open).</summary>
    public async Task<PreferencesView> GetPreferencesAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        var participantId = ParticipantId(user);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var account = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == participantId, ct);
        var membership = await CurrentMembershipQuery(db, participantId).AsNoTracking().FirstOrDefaultAsync(ct);
        var input = new PreferencesInput { Language = account?.Language ?? "nl" };
        if (membership is null)
        {
            return new PreferencesView(input, HasMembership: false, CanReceiveEmail: false);
        }

        var hasEmail = await db.Set<Referral>().AsNoTracking()
            .AnyAsync(r => r.Id == membership.ReferralId && r.EmailCiphertext != null, ct);
        input.FullTitles = membership.FullTitles;
        input.EmailInvites = membership.EmailInvites;
        input.ReminderMinutes = membership.ReminderMinutes ?? 0;
        input.Pseudonym = membership.Pseudonym;
        input.MembershipId = membership.Id;
        input.MembershipVersion = membership.Version;
        return new PreferencesView(input, HasMembership: true, CanReceiveEmail: hasEmail);
    }

    /// <summary>
    /// Saves language, titles, e-mail invites, reminder and pseudonym at once; nothing is saved when one of them is refused.
    /// A membership changed elsewhere since it was read (another tab) gives a conflict.
    /// </summary>
    public async Task<MyAccountResult> SavePreferencesAsync(ClaimsPrincipal user, PreferencesInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        var participantId = ParticipantId(user);
        if (!Languages.Contains(input.Language))
        {
            return MyAccountResult.Error(texts["Preferences_Language_Invalid"], nameof(PreferencesInput.Language));
        }

        if (!ReminderChoices.Contains(input.ReminderMinutes))
        {
            return MyAccountResult.Error(texts["Preferences_Reminder_Invalid"], nameof(PreferencesInput.ReminderMinutes));
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var account = await db.Users.FirstOrDefaultAsync(u => u.Id == participantId, ct);
        if (account is null)
        {
            return MyAccountResult.Error(texts["Account_Gone"]);
        }

        account.Language = input.Language;
        var membership = await CurrentMembershipQuery(db, participantId).FirstOrDefaultAsync(ct);
        if (membership is not null)
        {
            if (membership.Id != input.MembershipId || membership.Version != input.MembershipVersion)
            {
                return new MyAccountResult(false, Message: texts["Preferences_Conflict"], Conflict: true);
            }

            var hasEmail = await db.Set<Referral>().AnyAsync(r => r.Id == membership.ReferralId && r.EmailCiphertext != null, ct);
            if (input.EmailInvites && !hasEmail)
            {
                return MyAccountResult.Error(texts["Preferences_EmailInvites_NoAddress"], nameof(PreferencesInput.EmailInvites));
            }

            try
            {
                if (!string.Equals(input.Pseudonym, membership.Pseudonym, StringComparison.Ordinal))
                {
                    var group = await db.Set<PeerGroup>().Include(g => g.Memberships).FirstAsync(g => g.Id == membership.GroupId, ct);
                    group.RenameMember(membership.Id, input.Pseudonym ?? string.Empty);
                }

                membership.SetCalendarPreferences(input.EmailInvites, input.FullTitles, input.ReminderMinutes == 0 ? null : input.ReminderMinutes);
            }
            catch (DomainException exception)
            {
                return exception.Code.StartsWith("pseudonym", StringComparison.Ordinal)
                    ? MyAccountResult.Error(PseudonymMessage(exception.Code), nameof(PreferencesInput.Pseudonym))
                    : MyAccountResult.Error(texts["Preferences_Invalid"]);
            }
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new MyAccountResult(false, Message: texts["Preferences_Conflict"], Conflict: true);
        }
        catch (DbUpdateException)
        {
            // Two members choosing the same name at the same moment: the unique index of the group's skeletons refuses one.
            return MyAccountResult.Error(texts["Pseudonym_taken"], nameof(PreferencesInput.Pseudonym));
        }

        MyAccountLog.PreferencesSaved(logger);
        return MyAccountResult.Ok;
    }

    /// <summary>Whether the participant has a group they can leave.</summary>
    public async Task<bool> IsMemberAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        var participantId = ParticipantId(user);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await CurrentMembershipQuery(db, participantId).AnyAsync(ct);
    }

    /// <summary>
    /// Leaves every group the participant is in, with an optional reason (<see cref="WithdrawalReason.Other"/> when none):
    /// the membership and the referral are withdrawn and the calendar feed stops. False when there was nothing to leave.
    /// </summary>
    public async Task<bool> LeaveAsync(ClaimsPrincipal user, WithdrawalReason? reason, CancellationToken ct)
    {
        var participantId = ParticipantId(user);
        var why = reason is { } r && Enum.IsDefined(r) ? r : WithdrawalReason.Other;
        var now = time.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var memberships = await db.Set<Membership>()
            .Where(m => m.ParticipantId == participantId
                && (m.Status == MembershipStatus.Invited || m.Status == MembershipStatus.Joined || m.Status == MembershipStatus.Active))
            .ToListAsync(ct);
        if (memberships.Count == 0)
        {
            return false;
        }

        var referralIds = memberships.Select(m => m.ReferralId).ToList();
        var referrals = await db.Set<Referral>().Where(x => referralIds.Contains(x.Id)).ToListAsync(ct);
        foreach (var membership in memberships)
        {
            membership.Withdraw(why, now);
        }

        foreach (var referral in referrals.Where(x => x.CanMoveTo(ReferralStatus.Withdrawn)))
        {
            referral.Withdraw(why, ParticipantActor, now);
        }

        await CalendarFeedStore.RevokeWhenMembershipEndedAsync(db, participantId, now, ct);
        await db.SaveChangesAsync(ct);
        MyAccountLog.Left(logger, memberships.Count);
        return true;
    }

    /// <summary>
    /// Everything stored about the participant, as indented JSON (UTF-8), and an audit event that they exported it.
    /// What is left out, and why, is written in the file itself.
    /// </summary>
    public async Task<byte[]> ExportAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        var participantId = ParticipantId(user);
        var now = time.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var account = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == participantId, ct)
            ?? throw new UnauthorizedAccessException("The account no longer exists.");
        var passkeys = await db.Set<IdentityUserPasskey<string>>().CountAsync(p => p.UserId == participantId, ct);
        var memberships = await db.Set<Membership>().AsNoTracking()
            .Where(m => m.ParticipantId == participantId).OrderBy(m => m.PlacedAt).ToListAsync(ct);
        var membershipIds = memberships.Select(m => m.Id).ToList();
        var referralIds = memberships.Select(m => m.ReferralId).ToList();

        var responses = await (
                from response in db.Set<MeetingResponse>().AsNoTracking()
                join meeting in db.Set<Meeting>().AsNoTracking() on response.MeetingId equals meeting.Id
                where membershipIds.Contains(response.MembershipId)
                select new { response.MembershipId, meeting.Date, meeting.StartTime, response.Answer, response.Message, response.AnsweredAt })
            .ToListAsync(ct);
        var attendance = await (
                from record in db.Set<AttendanceRecord>().AsNoTracking()
                join meeting in db.Set<Meeting>().AsNoTracking() on record.MeetingId equals meeting.Id
                where record.MembershipId != null && membershipIds.Contains(record.MembershipId.Value)
                select new { MembershipId = record.MembershipId!.Value, meeting.Date, meeting.StartTime, record.Status })
            .ToListAsync(ct);
        var referrals = await db.Set<Referral>().AsNoTracking().Include(x => x.History)
            .Where(x => referralIds.Contains(x.Id)).ToListAsync(ct);
        var feed = await db.Set<CalendarFeed>().AsNoTracking()
            .FirstOrDefaultAsync(f => f.OwnerKind == CalendarFeedOwnerKind.Participant && f.OwnerId == participantId, ct);

        var export = new
        {
            exportedAt = now,
            about = "Everything the portal stores about this account, at the moment of the export.",
            notIncluded = new[]
            {
                "The counsellor's remark on the referral: a working note of the helpline, not something you told us to keep.",
                "Notes the facilitators wrote: their working notes are kept apart, encrypted, and erased 12 months after the group closes.",
                "Who on the staff made each change: only that a change happened, and when.",
                "Anything about other members of the group.",
                "Your passphrase and passkeys themselves: only a one-way hash and public keys are stored, never readable.",
            },
            account = new
            {
                loginName = account.UserName,
                language = account.Language,
                passkeyCount = passkeys,
                hasPassphrase = account.PasswordHash is not null,
            },
            calendarFeed = feed is null ? null : new { active = feed.RevokedAt is null, createdAt = feed.CreatedAt, revokedAt = feed.RevokedAt },
            memberships = memberships.Select(m => new
            {
                pseudonym = m.Pseudonym,
                status = m.Status,
                placedAt = m.PlacedAt,
                joinedAt = m.JoinedAt,
                firstAttendedAt = m.FirstAttendedAt,
                endedAt = m.EndedAt,
                endReason = m.EndReason,
                calendarPreferences = new { emailInvites = m.EmailInvites, fullTitles = m.FullTitles, reminderMinutes = m.ReminderMinutes },
                responses = responses.Where(x => x.MembershipId == m.Id).OrderBy(x => x.Date).ThenBy(x => x.StartTime)
                    .Select(x => new { meeting = x.Date.ToDateTime(x.StartTime), answer = x.Answer, message = x.Message, answeredAt = x.AnsweredAt }),
                attendance = attendance.Where(x => x.MembershipId == m.Id).OrderBy(x => x.Date).ThenBy(x => x.StartTime)
                    .Select(x => new { meeting = x.Date.ToDateTime(x.StartTime), status = x.Status }),
            }),
            referrals = referrals.Select(x => new
            {
                reference = x.Reference,
                receivedOn = x.ReceivedOn,
                channel = x.Channel,
                relation = x.Relation,
                concern = x.Concern,
                language = x.Language.ToCode(),
                region = x.Region,
                format = x.Format,
                availability = AllSlots().Where(s => x.Availability.Contains(s)).Select(s => new { day = s.Day, part = s.Part }),
                contactPreference = x.ContactPreference,
                email = x.EmailCiphertext is null ? null : protector.Unprotect(ProtectionPurposes.ReferralEmail, x.EmailCiphertext),
                emailErasedAt = x.EmailErasedAt,
                consent = new { given = x.ConsentGiven, privacyNoticeVersion = x.PrivacyNoticeVersion, recordedAt = x.ConsentRecordedAt },
                status = x.Status,
                intakeHeldOn = x.IntakeHeldOn,
                placedOn = x.PlacedOn,
                closedOn = x.ClosedOn,
                withdrawalReason = x.WithdrawalReason,
                history = x.History.OrderBy(h => h.ChangedAt).Select(h => new { from = h.From, to = h.To, at = h.ChangedAt }),
            }),
        };

        db.Add(AuditEvent.Record(participantId, AuditKind.DataExported, "ParticipantAccount", participantId, now));
        await db.SaveChangesAsync(ct);
        MyAccountLog.Exported(logger);
        return JsonSerializer.SerializeToUtf8Bytes(export, ExportJson);
    }

    /// <summary>
    /// Erases the participant's account at once: credentials and passkeys, pseudonyms, RSVP messages and the e-mail
    /// address go; memberships stay (anonymous, ended when still open) with their attendance rows, so the figures hold;
    /// the calendar feed stops. One save: all or nothing. A second call changes nothing.
    /// The caller has checked the passphrase or passkey (see <see cref="VerifyPassphraseAsync"/>) and signs out afterwards.
    /// </summary>
    public async Task<EraseOutcome> EraseAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        var participantId = ParticipantId(user);
        var now = time.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var account = await db.Users.FirstOrDefaultAsync(u => u.Id == participantId, ct);
        if (account is null)
        {
            return EraseOutcome.AlreadyErased;
        }

        var memberships = await db.Set<Membership>().Where(m => m.ParticipantId == participantId).ToListAsync(ct);
        var membershipIds = memberships.Select(m => m.Id).ToList();
        var referralIds = memberships.Select(m => m.ReferralId).ToList();
        var referrals = await db.Set<Referral>().Where(x => referralIds.Contains(x.Id)).ToListAsync(ct);
        foreach (var membership in memberships)
        {
            var wasOpen = membership.IsOpen;
            membership.EraseParticipant(now);
            var referral = referrals.FirstOrDefault(x => x.Id == membership.ReferralId);
            if (wasOpen && referral is not null && referral.CanMoveTo(ReferralStatus.Withdrawn))
            {
                referral.Withdraw(WithdrawalReason.PrivacyConcerns, ParticipantActor, now);
            }

            db.Add(AuditEvent.Record(ErasedActor, AuditKind.ParticipantErased, nameof(Membership), membership.Id.ToString(), now, membership.GroupId));
        }

        foreach (var referral in referrals)
        {
            referral.EraseEmail(now);
        }

        db.RemoveRange(await db.Set<MeetingResponse>().Where(r => membershipIds.Contains(r.MembershipId)).ToListAsync(ct));
        db.RemoveRange(await db.Set<IdentityUserPasskey<string>>().Where(p => p.UserId == participantId).ToListAsync(ct));
        db.RemoveRange(await db.UserClaims.Where(c => c.UserId == participantId).ToListAsync(ct));
        db.RemoveRange(await db.UserLogins.Where(l => l.UserId == participantId).ToListAsync(ct));
        db.RemoveRange(await db.UserTokens.Where(t => t.UserId == participantId).ToListAsync(ct));
        db.RemoveRange(await db.UserRoles.Where(r => r.UserId == participantId).ToListAsync(ct));
        await CalendarFeedStore.RevokeAsync(db, CalendarFeedOwner.Participant(participantId), now, ct);
        if (memberships.Count == 0)
        {
            db.Add(AuditEvent.Record(ErasedActor, AuditKind.ParticipantErased, "ParticipantAccount", "-", now));
        }

        db.Users.Remove(account);
        await db.SaveChangesAsync(ct);

        // Every sign-in of the account, on every device, ends now (the ticket would name an account that is gone).
        await AuthSessionStore.RemoveAllOfAsync(db, participantId, ct);
        MyAccountLog.Erased(logger, memberships.Count);
        return EraseOutcome.Erased;
    }

    /// <summary>
    /// Checks the passphrase of the signed-in participant, counting failures towards the lockout (5 tries, 15 minutes) as
    /// a sign-in does, so that an unattended session cannot be used to guess it.
    /// </summary>
    public static async Task<bool> VerifyPassphraseAsync(SignInManager<ParticipantUser> signInManager, ParticipantUser account, string? passphrase)
    {
        ArgumentNullException.ThrowIfNull(signInManager);
        ArgumentNullException.ThrowIfNull(account);
        if (string.IsNullOrEmpty(passphrase) || passphrase.Length > EraseInput.MaxPassphraseLength)
        {
            return false;
        }

        var result = await signInManager.CheckPasswordSignInAsync(account, passphrase, lockoutOnFailure: true);
        return result.Succeeded;
    }

    /// <summary>The signed-in participant's account id; refuses anyone else.</summary>
    public static string ParticipantId(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!user.IsInRole(AppRoles.Participant))
        {
            throw new UnauthorizedAccessException("This needs a participant account.");
        }

        var id = user.FindFirstValue(ClaimTypes.NameIdentifier);
        return string.IsNullOrEmpty(id) ? throw new UnauthorizedAccessException("The participant has no account id.") : id;
    }

    private string PseudonymMessage(string code)
    {
        var key = "Pseudonym_" + code["pseudonym.".Length..].Replace('-', '_');
        var text = texts[key];
        return text.ResourceNotFound ? texts["Pseudonym_invalid"] : text;
    }

    private static IQueryable<Membership> CurrentMembershipQuery(LotgenotenDbContext db, string participantId) =>
        db.Set<Membership>()
            .Where(m => m.ParticipantId == participantId && (m.Status == MembershipStatus.Joined || m.Status == MembershipStatus.Active))
            .OrderBy(m => m.JoinedAt);

    private static IEnumerable<AvailabilitySlot> AllSlots() =>
        from day in Enum.GetValues<DayOfWeek>()
        from part in Enum.GetValues<DayPart>()
        select new AvailabilitySlot(day, part);
}

/// <summary>Log messages of the participant's own account: counts and kinds only, never a name or address.</summary>
internal static partial class MyAccountLog
{
    [LoggerMessage(EventId = 5401, Level = LogLevel.Information, Message = "A participant saved their preferences")]
    public static partial void PreferencesSaved(ILogger logger);

    [LoggerMessage(EventId = 5402, Level = LogLevel.Information, Message = "A participant left {Count} group(s)")]
    public static partial void Left(ILogger logger, int count);

    [LoggerMessage(EventId = 5403, Level = LogLevel.Information, Message = "A participant exported their data")]
    public static partial void Exported(ILogger logger);

    [LoggerMessage(EventId = 5404, Level = LogLevel.Information, Message = "A participant erased their account ({Count} membership(s) unlinked)")]
    public static partial void Erased(ILogger logger, int count);
}
