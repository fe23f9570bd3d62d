using System.Security.Claims;
using Lotgenoten.Domain.Attendance;
using Lotgenoten.Domain.Audit;
using Lotgenoten.Domain.Common;
using Lotgenoten.Domain.Groups;
using Lotgenoten.Domain.Meetings;
using Lotgenoten.Infrastructure.Calendar;
using Lotgenoten.Infrastructure.Calendar.Feeds;
using Lotgenoten.Infrastructure.Data;
using Lotgenoten.Infrastructure.Demo;
using Lotgenoten.Web.Features.Calendar;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Lotgenoten.Web.Features.Participants;

/// <summary>
/// A meeting as the participant sees it: when, (for the next one only) where, and their own answer.
/// <see cref="ResponseVersion"/> goes back with a change of the answer (0: not answered yet).
/// </summary>
public sealed record ParticipantMeeting(
    Guid Id,
    DateTime StartLocal,
    DateTime EndLocal,
    string? Theme,
    string? Address,
    string? OnlineLink,
    RsvpAnswer? Answer = null,
    string? Message = null,
    int ResponseVersion = 0,
    bool CanAnswer = true,
    bool InSeries = false);

/// <summary>What the participant's home shows: their pseudonym and their meetings to come.</summary>
public sealed record ParticipantHomeView(string? Pseudonym, IReadOnlyList<ParticipantMeeting> Upcoming);

/// <summary>What came of an answer: saved (with the new version), refused with a message, or someone else's change first.</summary>
public sealed record ParticipantAnswerResult(bool Succeeded, string? Error, bool Conflict = false, int Version = 0)
{
    public static ParticipantAnswerResult Ok(int version) => new(true, null, false, version);

    public static ParticipantAnswerResult Failed(string error) => new(false, error);

    public static ParticipantAnswerResult Conflicted(string error) => new(false, error, true);
}

/// <summary>The participant's private feed: whether a link works, and the link itself right after it was made.</summary>
public sealed record ParticipantFeed(bool Exists, bool IsActive, DateTimeOffset? Since, string? Token);

/// <summary>A calendar file to download.</summary>
public sealed record ParticipantCalendarFile(string FileName, byte[] Content);

/// <summary>
/// Reads the signed-in participant's own memberships and meetings, and nothing of anyone else's. The place of a meeting
/// is given for the next meeting only (discretion: an address on screen is an address seen over a shoulder). Every
/// method checks again that the caller is a participant and that the meeting belongs to a group they are a member of
/// now; a meeting of another group gets the same answer as one that does not exist.
/// </summary>
public sealed class ParticipantHomeService(
    IDbContextFactory<LotgenotenDbContext> dbFactory,
    TimeProvider time,
    ICalendarWriter writer,
    CalendarFeedStore feeds,
    CalendarFeedCache feedCache,
    IStringLocalizer<ParticipantTexts> texts,
    ILogger<ParticipantHomeService> logger)
{
    public const int UpcomingShown = 6;

    /// <summary>The neutral file name of one downloaded meeting.</summary>
    public const string MeetingFileName = "afspraak.ics";

    /// <summary>The neutral file name of a downloaded series.</summary>
    public const string SeriesFileName = "afspraken.ics";

    public async Task<ParticipantHomeView> GetAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        var participantId = ParticipantIdOf(user);
        if (participantId is null)
        {
            return new ParticipantHomeView(null, []);
        }

        var now = time.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var memberships = await MembershipsOf(db, participantId)
            .Select(m => new { m.Id, m.GroupId, m.Pseudonym })
            .ToListAsync(ct);
        var groupIds = memberships.Select(m => m.GroupId).ToList();
        var membershipIds = memberships.Select(m => m.Id).ToList();
        var meetings = await db.Set<Meeting>().AsNoTracking()
            .Where(m => groupIds.Contains(m.GroupId) && m.Status == MeetingStatus.Scheduled && m.EndsAt > now)
            .OrderBy(m => m.StartsAt)
            .Take(UpcomingShown)
            .Select(m => new { m.Id, m.GroupId, m.SeriesId, m.Date, m.StartTime, m.DurationMinutes, m.Theme, m.StartsAt })
            .ToListAsync(ct);
        var meetingIds = meetings.Select(m => m.Id).ToList();
        var responses = await db.Set<MeetingResponse>().AsNoTracking()
            .Where(r => meetingIds.Contains(r.MeetingId) && membershipIds.Contains(r.MembershipId))
            .ToDictionaryAsync(r => r.MeetingId, ct);
        var places = await db.Set<PeerGroup>().AsNoTracking()
            .Where(g => groupIds.Contains(g.Id))
            .Select(g => new { g.Id, g.Address, g.OnlineLink })
            .ToDictionaryAsync(g => g.Id, ct);

        var upcoming = meetings.Select((m, index) =>
        {
            var start = m.Date.ToDateTime(m.StartTime);
            var place = index == 0 ? places[m.GroupId] : null;
            var response = responses.GetValueOrDefault(m.Id);
            return new ParticipantMeeting(
                m.Id, start, start.AddMinutes(m.DurationMinutes), m.Theme, place?.Address, place?.OnlineLink,
                response?.Answer, response?.Message, response?.Version ?? 0, now < m.StartsAt, m.SeriesId is not null);
        }).ToList();
        return new ParticipantHomeView(memberships.FirstOrDefault()?.Pseudonym, upcoming);
    }

    /// <summary>
    /// "Ik kom" / "Ik kan niet komen" with an optional message. <paramref name="version"/> is the answer's version the
    /// page showed (0 for none yet): a different one means the answer changed elsewhere (another tab) and is not overwritten.
    /// </summary>
    public async Task<ParticipantAnswerResult> AnswerAsync(
        ClaimsPrincipal user, Guid meetingId, RsvpAnswer answer, string? message, int version, CancellationToken ct)
    {
        var participantId = ParticipantIdOf(user);
        if (participantId is null)
        {
            return ParticipantAnswerResult.Failed(texts["Answer_Unknown"]);
        }

        if (message is not null && message.Length > MeetingResponse.MessageMaxLength)
        {
            // Before touching the database: the domain refuses it too, but a long text need not travel further.
            return ParticipantAnswerResult.Failed(texts["Answer_TooLong", MeetingResponse.MessageMaxLength]);
        }

        var now = time.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var meeting = await db.Set<Meeting>().AsNoTracking().FirstOrDefaultAsync(m => m.Id == meetingId, ct);
        var membership = meeting is null
            ? null
            : await MembershipsOf(db, participantId).FirstOrDefaultAsync(m => m.GroupId == meeting.GroupId, ct);
        if (meeting is null || membership is null)
        {
            ParticipantLog.AnswerRefused(logger, "unknown");
            return ParticipantAnswerResult.Failed(texts["Answer_Unknown"]);
        }

        var response = await db.Set<MeetingResponse>().FirstOrDefaultAsync(r => r.MeetingId == meetingId && r.MembershipId == membership.Id, ct);
        if ((response?.Version ?? 0) != version)
        {
            return ParticipantAnswerResult.Conflicted(texts["Answer_Conflict"]);
        }

        try
        {
            if (response is null)
            {
                response = MeetingResponse.Give(meeting, membership, answer, message, now);
                db.Add(response);
            }
            else
            {
                response.Change(meeting, answer, message, now);
            }

            await db.SaveChangesAsync(ct);
            ParticipantLog.Answered(logger, meetingId, answer.ToString());
            return ParticipantAnswerResult.Ok(response.Version);
        }
        catch (DomainException e)
        {
            ParticipantLog.AnswerRefused(logger, e.Code);
            return ParticipantAnswerResult.Failed(e.Code switch
            {
                "rsvp.closed" => texts["Answer_Closed"],
                "rsvp.message.too-long" => texts["Answer_TooLong", MeetingResponse.MessageMaxLength],
                "rsvp.message.control-characters" => texts["Answer_ControlCharacters"],
                "rsvp.not-member" => texts["Answer_Unknown"],
                _ => texts["Answer_Invalid"],
            });
        }
        catch (DbUpdateException)
        {
            // A stale version, or two first answers at once (the unique index): the other one stands.
            return ParticipantAnswerResult.Conflicted(texts["Answer_Conflict"]);
        }
    }

    /// <summary>One meeting of the caller's as a calendar file; null for a meeting that is not theirs, past or cancelled.</summary>
    public async Task<ParticipantCalendarFile?> MeetingCalendarAsync(ClaimsPrincipal user, Guid meetingId, CancellationToken ct)
    {
        var participantId = ParticipantIdOf(user);
        if (participantId is null)
        {
            return null;
        }

        var now = time.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var found = await OwnMeetingAsync(db, participantId, meetingId, ct);
        if (found is not { } own || own.Meeting.Status != MeetingStatus.Scheduled || own.Meeting.StartsAt <= now)
        {
            return null;
        }

        // An occurrence of a series too becomes an event of its own (the writer's UID for a meeting outside a series),
        // so that importing it twice replaces rather than duplicates.
        var (group, meeting, recipient) = own;
        return new ParticipantCalendarFile(MeetingFileName, writer.SingleMeeting(group, meeting, recipient).Content);
    }

    /// <summary>The series the meeting belongs to (or the meeting alone) as a calendar file; null when not the caller's.</summary>
    public async Task<ParticipantCalendarFile?> SeriesCalendarAsync(ClaimsPrincipal user, Guid meetingId, CancellationToken ct)
    {
        var participantId = ParticipantIdOf(user);
        if (participantId is null)
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var found = await OwnMeetingAsync(db, participantId, meetingId, ct);
        if (found is not { } own)
        {
            return null;
        }

        var (group, meeting, recipient) = own;
        if (meeting.SeriesId is not { } seriesId)
        {
            return await MeetingCalendarAsync(user, meetingId, ct);
        }

        var series = await db.Set<MeetingSeries>().AsNoTracking().FirstAsync(s => s.Id == seriesId, ct);
        var meetings = await db.Set<Meeting>().AsNoTracking().Where(m => m.SeriesId == seriesId).ToListAsync(ct);
        return new ParticipantCalendarFile(SeriesFileName, writer.Feed([new FeedGroup(group, [series], meetings)], recipient).Content);
    }

    /// <summary>The caller's feed: whether it exists and works. Never the token (it is not stored).</summary>
    public async Task<ParticipantFeed> GetFeedAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        var owner = FeedOwnerOf(user);
        var status = await feeds.GetStatusAsync(owner, ct);
        return status is null
            ? new ParticipantFeed(false, false, null, null)
            : new ParticipantFeed(true, status.IsActive, status.IsActive ? status.RotatedAt ?? status.CreatedAt : status.RevokedAt, null);
    }

    /// <summary>
    /// A new feed link: the first one, or a new one in place of the old (which stops at once, audited as
    /// <see cref="AuditKind.FeedTokenRotated"/>). Only a member gets a feed. The token is returned once.
    /// </summary>
    public async Task<ParticipantFeed> IssueFeedAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        var owner = FeedOwnerOf(user);
        await using (var check = await dbFactory.CreateDbContextAsync(ct))
        {
            if (!await MembershipsOf(check, owner.Id).AnyAsync(ct))
            {
                throw new UnauthorizedAccessException("Only a member of a group has a calendar feed.");
            }
        }

        var before = await feeds.GetStatusAsync(owner, ct);
        var token = await feeds.IssueAsync(owner, ct);
        feedCache.Forget(owner);
        if (before is not null)
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            db.Add(AuditEvent.Record(owner.Id, AuditKind.FeedTokenRotated, "CalendarFeed", owner.Id, time.GetUtcNow()));
            await db.SaveChangesAsync(ct);
        }

        ParticipantLog.FeedIssued(logger, before is not null);
        return new ParticipantFeed(true, true, time.GetUtcNow(), token);
    }

    /// <summary>Switches the caller's feed off; false when there was no working feed.</summary>
    public async Task<bool> RevokeFeedAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        var owner = FeedOwnerOf(user);
        var revoked = await feeds.RevokeAsync(owner, ct);
        feedCache.Forget(owner);
        return revoked;
    }

    private sealed record OwnMeeting(PeerGroup Group, Meeting Meeting, CalendarRecipient Recipient);

    /// <summary>The meeting, when it belongs to a group the participant is a member of now; with how they want their calendar.</summary>
    private static async Task<OwnMeeting?> OwnMeetingAsync(LotgenotenDbContext db, string participantId, Guid meetingId, CancellationToken ct)
    {
        var meeting = await db.Set<Meeting>().AsNoTracking().FirstOrDefaultAsync(m => m.Id == meetingId, ct);
        if (meeting is null)
        {
            return null;
        }

        var membership = await MembershipsOf(db, participantId).FirstOrDefaultAsync(m => m.GroupId == meeting.GroupId, ct);
        if (membership is null)
        {
            return null;
        }

        var group = await db.Set<PeerGroup>().AsNoTracking().FirstAsync(g => g.Id == meeting.GroupId, ct);
        var recipient = new CalendarRecipient(null, group.Language.ToCode(), membership.FullTitles, membership.ReminderMinutes);
        return new OwnMeeting(group, meeting, recipient);
    }

    private static IQueryable<Membership> MembershipsOf(LotgenotenDbContext db, string participantId) =>
        db.Set<Membership>().AsNoTracking()
            .Where(m => m.ParticipantId == participantId && (m.Status == MembershipStatus.Joined || m.Status == MembershipStatus.Active));

    /// <summary>Puts one GUID in place of another in the file (the same length, so the octet folding stays right).</summary>
    /// <summary>The participant's account id; throws for anyone who is not a participant.</summary>
    private static string? ParticipantIdOf(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!user.IsInRole(AppRoles.Participant))
        {
            throw new UnauthorizedAccessException("This needs a participant account.");
        }

        var id = user.FindFirstValue(ClaimTypes.NameIdentifier);
        return string.IsNullOrEmpty(id) ? null : id;
    }

    private static CalendarFeedOwner FeedOwnerOf(ClaimsPrincipal user) =>
        ParticipantIdOf(user) is { } id ? CalendarFeedOwner.Participant(id) : throw new UnauthorizedAccessException("No account id.");
}
