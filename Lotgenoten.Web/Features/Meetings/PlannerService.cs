using System.Globalization;
using System.Security.Claims;
using System.Text;
using Lotgenoten.Domain.Attendance;
using Lotgenoten.Domain.Common;
using Lotgenoten.Domain.Groups;
using Lotgenoten.Domain.Meetings;
using Lotgenoten.Domain.Staff;
using Lotgenoten.Infrastructure.Data;
using Lotgenoten.Infrastructure.Demo;
using Lotgenoten.Web.Features.Account;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Lotgenoten.Web.Features.Meetings;

/// <summary>
/// The meeting planner of one group: its series and meetings, a preview of a series, and every change (plan a series,
/// move, cancel, add, theme, cancel a series). Who may: coordinators and the group's own facilitators, checked again on
/// every call from the principal passed in (a facilitator removed from the group is refused at once). Each change
/// queues the invites calendars must hear about in the same SaveChanges (one transaction), and a stale
/// <c>Version</c> is reported as someone else's change instead of overwriting it.
/// </summary>
public sealed class PlannerService(
    IDbContextFactory<LotgenotenDbContext> dbFactory,
    MeetingInvites invites,
    TimeProvider time,
    IStringLocalizer<PlannerTexts> texts,
    ILogger<PlannerService> logger)
{
    /// <summary>The group with its series and meetings; null when it does not exist (for coordinators).</summary>
    public async Task<PlannerGroup?> GetGroupAsync(ClaimsPrincipal user, Guid groupId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var group = await db.Set<PeerGroup>().AsNoTracking().Include(g => g.Facilitators).FirstOrDefaultAsync(g => g.Id == groupId, ct);
        await RequirePlannerAsync(db, user, group, ct);
        if (group is null)
        {
            return null;
        }

        var now = time.GetUtcNow();
        var series = await db.Set<MeetingSeries>().AsNoTracking().Where(s => s.GroupId == groupId).ToListAsync(ct);
        var meetings = await db.Set<Meeting>().AsNoTracking().Where(m => m.GroupId == groupId).ToListAsync(ct);
        var ordered = meetings.OrderBy(m => m.StartsAt).ToList();
        return new PlannerGroup(
            group.Id,
            group.Name,
            group.Status,
            group.Format,
            series.OrderBy(s => s.FirstDate).Select(s => new PlannerSeries(
                s.Id, s.Pattern, s.FirstDate, s.StartTime, s.DurationMinutes, s.Count, s.Until, s.Status, s.Sequence, s.Version,
                ordered.Count(m => m.SeriesId == s.Id && m.Status == MeetingStatus.Scheduled && m.StartsAt > now))).ToList(),
            await WithResponsesAsync(db, groupId, ordered.Select(m => ToView(m, now)).ToList(), ct));
    }

    /// <summary>
    /// The members' answers to each upcoming meeting (pseudonym, answer, message), from current members of this group
    /// only; a member who left or erased their account is not shown.
    /// </summary>
    private static async Task<List<PlannerMeeting>> WithResponsesAsync(
        LotgenotenDbContext db, Guid groupId, List<PlannerMeeting> meetings, CancellationToken ct)
    {
        var upcoming = meetings.Where(m => !m.IsPast && m.Status != PlannerMeetingStatus.Cancelled).Select(m => m.Id).ToList();
        if (upcoming.Count == 0)
        {
            return meetings;
        }

        var answers = await (
            from r in db.Set<MeetingResponse>().AsNoTracking()
            join ms in db.Set<Membership>().AsNoTracking() on r.MembershipId equals ms.Id
            where upcoming.Contains(r.MeetingId) && ms.GroupId == groupId && ms.Pseudonym != null
                && (ms.Status == MembershipStatus.Joined || ms.Status == MembershipStatus.Active)
            select new { r.MeetingId, ms.Pseudonym, r.Answer, r.Message })
            .ToListAsync(ct);
        var byMeeting = answers.ToLookup(a => a.MeetingId);
        return meetings.Select(m => upcoming.Contains(m.Id)
            ? m with
            {
                Responses = byMeeting[m.Id]
                    .OrderBy(a => a.Answer)
                    .ThenBy(a => a.Pseudonym, StringComparer.CurrentCultureIgnoreCase)
                    .Select(a => new PlannerResponse(a.Pseudonym!, a.Answer, a.Message))
                    .ToList(),
            }
            : m).ToList();
    }

    /// <summary>The dates of a plan, the autumn notes and the double-booking warnings; or a clear message why not.</summary>
    public async Task<SeriesPreview> PreviewSeriesAsync(ClaimsPrincipal user, Guid groupId, SeriesPlan plan, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(plan);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var group = await LoadGroupAsync(db, user, groupId, tracked: false, ct);
        IReadOnlyList<DateOnly> dates;
        try
        {
            dates = MeetingSeries.Preview(plan);
            if (BrusselsTime.ToUtc(dates[0].ToDateTime(plan.StartTime)) <= time.GetUtcNow())
            {
                throw new DomainException("series.past", "A series cannot start in the past.");
            }
        }
        catch (DomainException e)
        {
            return SeriesPreview.Failed(Message(e, plan));
        }

        var ambiguous = dates.Where(d => BrusselsTime.IsAmbiguous(d.ToDateTime(plan.StartTime))).ToList();
        var notes = ambiguous.Select(d => texts["Note_Ambiguous", Time(plan.StartTime), LongDate(d)].Value).ToList();
        var slots = dates.Select(d => Slot(d.ToDateTime(plan.StartTime), plan.DurationMinutes)).ToList();
        var warnings = await DoubleBookingsAsync(db, group, slots, exceptMeetingId: null, ct);
        return new SeriesPreview(dates, ambiguous, notes, warnings, null);
    }

    /// <summary>Double-booking warnings for one meeting at this time (to show before moving or adding); never blocking.</summary>
    public async Task<IReadOnlyList<string>> CheckSlotAsync(
        ClaimsPrincipal user, Guid groupId, DateTime startLocal, int durationMinutes, Guid? exceptMeetingId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var group = await LoadGroupAsync(db, user, groupId, tracked: false, ct);
        if (BrusselsTime.IsNonexistent(startLocal))
        {
            return [];
        }

        return await DoubleBookingsAsync(db, group, [Slot(startLocal, durationMinutes)], exceptMeetingId, ct);
    }

    /// <summary>Plans a series and its meetings; one recurring invite per member who opted in.</summary>
    public async Task<PlannerResult> PlanSeriesAsync(ClaimsPrincipal user, Guid groupId, SeriesPlan plan, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(plan);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var group = await LoadGroupAsync(db, user, groupId, tracked: true, ct);
        try
        {
            var (series, meetings) = group.PlanSeries(plan, time.GetUtcNow());
            db.Add(series);
            db.AddRange(meetings);
            var queued = await invites.QueueSeriesInvitesAsync(db, group, series, meetings, ct);
            await db.SaveChangesAsync(ct);
            PlannerLog.SeriesPlanned(logger, group.Id, series.Id, meetings.Count, queued);
            return PlannerResult.Ok(queued);
        }
        catch (DomainException e)
        {
            return PlannerResult.Failed(Message(e, plan));
        }
    }

    /// <summary>Moves one meeting; an update (same UID, RECURRENCE-ID, higher SEQUENCE) for each member who opted in.</summary>
    public Task<PlannerResult> MoveMeetingAsync(
        ClaimsPrincipal user, Guid groupId, Guid meetingId, int version, DateTime newStartLocal, int durationMinutes, CancellationToken ct) =>
        ChangeMeetingAsync(user, groupId, meetingId, version, ct, async (db, group, series, meeting) =>
        {
            meeting.Move(newStartLocal, durationMinutes, time.GetUtcNow());
            return await invites.QueueMeetingUpdateAsync(db, group, series, meeting, ct);
        });

    /// <summary>Cancels one meeting; a cancel of that occurrence for each member who opted in.</summary>
    public Task<PlannerResult> CancelMeetingAsync(ClaimsPrincipal user, Guid groupId, Guid meetingId, int version, CancellationToken ct) =>
        ChangeMeetingAsync(user, groupId, meetingId, version, ct, async (db, group, series, meeting) =>
        {
            meeting.Cancel(time.GetUtcNow());
            return await invites.QueueMeetingCancelAsync(db, group, series, meeting, ct);
        });

    /// <summary>Sets or clears a meeting's theme. No mail: the feed and the portal show it (e-mail stays for time and place).</summary>
    public Task<PlannerResult> SetThemeAsync(ClaimsPrincipal user, Guid groupId, Guid meetingId, int version, string? theme, CancellationToken ct) =>
        ChangeMeetingAsync(user, groupId, meetingId, version, ct, (_, _, _, meeting) =>
        {
            meeting.SetTheme(theme);
            return Task.FromResult(0);
        });

    /// <summary>Adds a meeting outside any series: an event of its own for each member who opted in.</summary>
    public async Task<PlannerResult> AddMeetingAsync(
        ClaimsPrincipal user, Guid groupId, DateTime startLocal, int durationMinutes, string? theme, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var group = await LoadGroupAsync(db, user, groupId, tracked: true, ct);
        try
        {
            var meeting = group.ScheduleMeeting(startLocal, durationMinutes, theme, time.GetUtcNow());
            db.Add(meeting);
            var queued = await invites.QueueMeetingUpdateAsync(db, group, null, meeting, ct);
            await db.SaveChangesAsync(ct);
            PlannerLog.MeetingChanged(logger, "added", group.Id, meeting.Id, queued);
            return PlannerResult.Ok(queued);
        }
        catch (DomainException e)
        {
            return PlannerResult.Failed(Message(e, null));
        }
    }

    /// <summary>Cancels a whole series: every meeting still to come; one series cancel for each member who opted in.</summary>
    public async Task<PlannerResult> CancelSeriesAsync(ClaimsPrincipal user, Guid groupId, Guid seriesId, int version, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var group = await LoadGroupAsync(db, user, groupId, tracked: true, ct);
        var series = await db.Set<MeetingSeries>().FirstOrDefaultAsync(s => s.Id == seriesId && s.GroupId == groupId, ct);
        if (series is null)
        {
            return PlannerResult.Failed(texts["Error_NotFound"]);
        }

        db.Entry(series).Property(s => s.Version).OriginalValue = version;
        try
        {
            group.EnsureNotClosed();
            var meetings = await db.Set<Meeting>().Where(m => m.SeriesId == seriesId).ToListAsync(ct);
            var changed = series.Cancel(meetings, time.GetUtcNow());
            var queued = await invites.QueueSeriesCancelAsync(db, group, series, ct);
            await db.SaveChangesAsync(ct);
            PlannerLog.SeriesCancelled(logger, group.Id, series.Id, changed.Count, queued);
            return PlannerResult.Ok(queued);
        }
        catch (DomainException e)
        {
            return PlannerResult.Failed(Message(e, null));
        }
        catch (DbUpdateConcurrencyException)
        {
            return PlannerResult.Conflicted(texts["Error_Conflict"]);
        }
    }

    private async Task<PlannerResult> ChangeMeetingAsync(
        ClaimsPrincipal user,
        Guid groupId,
        Guid meetingId,
        int version,
        CancellationToken ct,
        Func<LotgenotenDbContext, PeerGroup, MeetingSeries?, Meeting, Task<int>> change)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var group = await LoadGroupAsync(db, user, groupId, tracked: true, ct);
        var meeting = await db.Set<Meeting>().FirstOrDefaultAsync(m => m.Id == meetingId && m.GroupId == groupId, ct);
        if (meeting is null)
        {
            return PlannerResult.Failed(texts["Error_NotFound"]);
        }

        // The version the planner showed: if someone changed the meeting since, SaveChanges finds no row and says so.
        db.Entry(meeting).Property(m => m.Version).OriginalValue = version;
        var series = meeting.SeriesId is { } seriesId ? await db.Set<MeetingSeries>().AsNoTracking().FirstOrDefaultAsync(s => s.Id == seriesId, ct) : null;
        try
        {
            group.EnsureNotClosed();
            var queued = await change(db, group, series, meeting);
            await db.SaveChangesAsync(ct);
            PlannerLog.MeetingChanged(logger, "changed", group.Id, meeting.Id, queued);
            return PlannerResult.Ok(queued);
        }
        catch (DomainException e)
        {
            return PlannerResult.Failed(Message(e, null));
        }
        catch (DbUpdateConcurrencyException)
        {
            return PlannerResult.Conflicted(texts["Error_Conflict"]);
        }
    }

    /// <summary>The group with facilitators and memberships, after checking that the user may plan it.</summary>
    private static async Task<PeerGroup> LoadGroupAsync(LotgenotenDbContext db, ClaimsPrincipal user, Guid groupId, bool tracked, CancellationToken ct)
    {
        var query = db.Set<PeerGroup>().Include(g => g.Facilitators).Include(g => g.Memberships).AsSplitQuery();
        var group = await (tracked ? query : query.AsNoTracking()).FirstOrDefaultAsync(g => g.Id == groupId, ct);
        await RequirePlannerAsync(db, user, group, ct);
        return group ?? throw new UnauthorizedAccessException("No such group.");
    }

    /// <summary>Coordinators, and facilitators of this very group (looked up now, not remembered from sign-in).</summary>
    private static async Task RequirePlannerAsync(LotgenotenDbContext db, ClaimsPrincipal user, PeerGroup? group, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.Identity?.IsAuthenticated != true)
        {
            throw new UnauthorizedAccessException("Not signed in.");
        }

        if (user.IsInRole(AppRoles.Coordinator))
        {
            return;
        }

        if (user.IsInRole(AppRoles.Facilitator) && group is not null)
        {
            var objectId = user.FindFirstValue(AuthSchemes.StaffClaims.ObjectId);
            var staffId = objectId is null
                ? null
                : await db.Set<StaffMember>().AsNoTracking().Where(s => s.ObjectId == objectId && s.IsActive).Select(s => (Guid?)s.Id).FirstOrDefaultAsync(ct);
            if (staffId is { } id && group.IsFacilitatedBy(id))
            {
                return;
            }
        }

        throw new UnauthorizedAccessException("Only the group's facilitators and coordinators plan its meetings.");
    }

    private async Task<IReadOnlyList<string>> DoubleBookingsAsync(
        LotgenotenDbContext db, PeerGroup group, IReadOnlyList<(DateTimeOffset Start, DateTimeOffset End, DateOnly Date)> slots, Guid? exceptMeetingId, CancellationToken ct)
    {
        if (slots.Count == 0)
        {
            return [];
        }

        var from = slots.Min(s => s.Start);
        var to = slots.Max(s => s.End);
        var facilitatorIds = group.Facilitators.Select(f => f.StaffMemberId).ToList();

        // Other groups that share a facilitator, or meet at the same address in person.
        var others = await db.Set<PeerGroup>().AsNoTracking()
            .Where(g => g.Id != group.Id && g.Status != GroupStatus.Closed)
            .Select(g => new { g.Id, g.Name, g.Format, g.Address, Facilitators = g.Facilitators.Select(f => f.StaffMemberId).ToList() })
            .ToListAsync(ct);
        var address = group.Format == GroupFormat.InPerson ? NormalizeAddress(group.Address) : null;
        var relevant = others
            .Select(g => new
            {
                g.Id,
                g.Name,
                Shared = g.Facilitators.Intersect(facilitatorIds).ToList(),
                SameRoom = address is not null && g.Format == GroupFormat.InPerson && NormalizeAddress(g.Address) == address,
            })
            .Where(g => g.Shared.Count > 0 || g.SameRoom)
            .ToDictionary(g => g.Id);
        if (relevant.Count == 0)
        {
            return [];
        }

        var ids = relevant.Keys.ToList();
        var meetings = await db.Set<Meeting>().AsNoTracking()
            .Where(m => ids.Contains(m.GroupId) && m.Status == MeetingStatus.Scheduled && m.StartsAt < to && m.EndsAt > from && m.Id != exceptMeetingId)
            .Select(m => new { m.GroupId, m.StartsAt, m.EndsAt, m.Date, m.StartTime, m.DurationMinutes })
            .ToListAsync(ct);
        if (meetings.Count == 0)
        {
            return [];
        }

        var names = await db.Set<StaffMember>().AsNoTracking()
            .Where(s => facilitatorIds.Contains(s.Id))
            .ToDictionaryAsync(s => s.Id, s => s.DisplayName, ct);
        var warnings = new List<string>();
        foreach (var slot in slots)
        {
            foreach (var other in meetings.Where(m => m.StartsAt < slot.End && m.EndsAt > slot.Start).OrderBy(m => m.StartsAt))
            {
                var g = relevant[other.GroupId];
                var when = $"{Time(other.StartTime)}–{Time(other.StartTime.AddMinutes(other.DurationMinutes))}";
                foreach (var staff in g.Shared)
                {
                    warnings.Add(texts["Warning_Facilitator", LongDate(slot.Date), names.GetValueOrDefault(staff, "?"), g.Name, when].Value);
                }

                if (g.SameRoom)
                {
                    warnings.Add(texts["Warning_Room", LongDate(slot.Date), g.Name, when].Value);
                }
            }
        }

        return warnings.Distinct().ToList();
    }

    /// <summary>An address compared loosely: case, accents, punctuation and spacing do not count.</summary>
    internal static string? NormalizeAddress(string? address)
    {
        if (string.IsNullOrWhiteSpace(address))
        {
            return null;
        }

        var decomposed = address.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (char.IsLetterOrDigit(c))
            {
                builder.Append(char.ToLowerInvariant(c));
            }
        }

        return builder.Length == 0 ? null : builder.ToString();
    }

    private static (DateTimeOffset Start, DateTimeOffset End, DateOnly Date) Slot(DateTime startLocal, int durationMinutes)
    {
        var start = BrusselsTime.ToUtc(startLocal);
        return (start, start.AddMinutes(durationMinutes), DateOnly.FromDateTime(startLocal));
    }

    private static PlannerMeeting ToView(Meeting m, DateTimeOffset now) => new(
        m.Id,
        m.SeriesId,
        m.Date,
        m.StartTime,
        m.DurationMinutes,
        m.Status switch
        {
            MeetingStatus.Held => PlannerMeetingStatus.Held,
            MeetingStatus.Cancelled => PlannerMeetingStatus.Cancelled,
            _ when m.IsMovedFromSeries => PlannerMeetingStatus.Moved,
            _ => PlannerMeetingStatus.Planned,
        },
        m.Theme,
        m.Sequence,
        m.Version,
        m.StartsAt <= now);

    /// <summary>A clear message in the user's language for a broken rule.</summary>
    private string Message(DomainException e, SeriesPlan? plan)
    {
        if (e.Code == "time.nonexistent")
        {
            if (plan is not null)
            {
                var gap = MeetingSeriesDates(plan).Where(d => BrusselsTime.IsNonexistent(d.ToDateTime(plan.StartTime))).Select(LongDate);
                return texts["Error_time.nonexistent", Time(plan.StartTime), string.Join(", ", gap)];
            }

            return texts["Error_time.nonexistent.single"];
        }

        var key = e.Code switch
        {
            "meeting.theme.too-long" or "meeting.theme.control-characters" => "Error_meeting.theme",
            _ => $"Error_{e.Code}",
        };
        var text = texts[key, MeetingSeries.MaxCount, MeetingSeries.MinDurationMinutes, MeetingSeries.MaxDurationMinutes, MeetingSeries.MaxYears];
        return text.ResourceNotFound ? texts["Error_Other"] : text.Value;
    }

    /// <summary>The dates of a plan without its checks on the time (to name the dates of the spring gap).</summary>
    private static IEnumerable<DateOnly> MeetingSeriesDates(SeriesPlan plan)
    {
        try
        {
            return MeetingSeries.Preview(plan with { StartTime = new TimeOnly(12, 0) });
        }
        catch (DomainException)
        {
            return [];
        }
    }

    private static string LongDate(DateOnly date) => date.ToString("dddd d MMMM yyyy", CultureInfo.CurrentCulture);

    private static string Time(TimeOnly time) => time.ToString("HH:mm", CultureInfo.InvariantCulture);
}

/// <summary>Texts of the meeting planner; see PlannerTexts.resx.</summary>
public sealed class PlannerTexts;

/// <summary>The planner's log lines: ids and counts only.</summary>
internal static partial class PlannerLog
{
    [LoggerMessage(EventId = 3101, Level = LogLevel.Information, Message = "Series {SeriesId} planned for group {GroupId}: {Meetings} meetings, {Invites} invites queued")]
    public static partial void SeriesPlanned(ILogger logger, Guid groupId, Guid seriesId, int meetings, int invites);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Information, Message = "Meeting {MeetingId} of group {GroupId} {Change}: {Invites} mails queued")]
    public static partial void MeetingChanged(ILogger logger, string change, Guid groupId, Guid meetingId, int invites);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Information, Message = "Series {SeriesId} of group {GroupId} cancelled: {Meetings} meetings, {Invites} mails queued")]
    public static partial void SeriesCancelled(ILogger logger, Guid groupId, Guid seriesId, int meetings, int invites);
}
