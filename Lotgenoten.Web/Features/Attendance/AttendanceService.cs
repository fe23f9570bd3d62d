using System.Globalization;
using System.Security.Claims;
using Lotgenoten.Domain.Attendance;
using Lotgenoten.Domain.Audit;
using Lotgenoten.Domain.Common;
using Lotgenoten.Domain.Groups;
using Lotgenoten.Domain.Meetings;
using Lotgenoten.Domain.Referrals;
using Lotgenoten.Domain.Staff;
using Lotgenoten.Infrastructure.Data;
using Lotgenoten.Infrastructure.Demo;
using Lotgenoten.Web.Components.Shared;
using Lotgenoten.Web.Features.Account;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Lotgenoten.Web.Features.Attendance;

/// <summary>
/// The attendance register of one meeting. The group's own facilitators read and record; coordinators read; anyone else
/// gets the same answer as for a meeting that does not exist. Roles and facilitation are looked up again on every call.
/// Each tap is saved at once in its own short-lived context; a stale version (a co-facilitator changed the same member)
/// or two first taps at the same moment (the unique (meeting, member) index) come back as a conflict that says what the
/// other person set; nothing is overwritten. Changes after the register was closed are allowed and audited.
/// </summary>
public sealed class AttendanceService(
    IDbContextFactory<LotgenotenDbContext> dbFactory,
    AttendanceChanges changes,
    TimeProvider time,
    IStringLocalizer<AttendanceTexts> texts,
    IStringLocalizer<EnumTexts> names,
    ILogger<AttendanceService> logger)
{
    internal const string RecordEntity = nameof(AttendanceRecord);
    internal const string MeetingEntity = nameof(Meeting);

    /// <summary>The meeting with its register; null when it does not exist or the caller may not see it.</summary>
    /// <exception cref="UnauthorizedAccessException">The caller is neither a coordinator nor a facilitator.</exception>
    public async Task<MeetingRegister?> GetMeetingAsync(ClaimsPrincipal user, Guid groupId, Guid meetingId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var access = await AttendanceAccess.ForGroupAsync(db, user, groupId, ct);
        if (access.Level == AccessLevel.None)
        {
            return null;
        }

        var meeting = await db.Set<Meeting>().AsNoTracking().FirstOrDefaultAsync(m => m.Id == meetingId && m.GroupId == groupId, ct);
        if (meeting is null)
        {
            return null;
        }

        var groupName = await db.Set<PeerGroup>().AsNoTracking().Where(g => g.Id == groupId).Select(g => g.Name).FirstAsync(ct);
        var rows = await RowsAsync(db, meeting, ct);
        string? closedBy = null;
        if (meeting.Status == MeetingStatus.Held)
        {
            var id = meeting.Id.ToString();
            var actor = await db.Set<AuditEvent>().AsNoTracking()
                .Where(a => a.Kind == AuditKind.AttendanceRegisterClosed && a.EntityType == MeetingEntity && a.EntityId == id)
                .OrderByDescending(a => a.OccurredAt)
                .Select(a => a.ActorId)
                .FirstOrDefaultAsync(ct);
            closedBy = actor is null ? null : (await StaffNamesAsync(db, [actor], ct)).GetValueOrDefault(actor);
        }

        var now = time.GetUtcNow();
        string? readOnly = null;
        if (access.Level != AccessLevel.Write)
        {
            readOnly = texts["ReadOnly_Coordinator"];
        }
        else if (meeting.Status == MeetingStatus.Cancelled)
        {
            readOnly = texts["ReadOnly_Cancelled"];
        }
        else if (BrusselsTime.Today(now) < meeting.Date)
        {
            readOnly = texts["ReadOnly_TooEarly", AttendanceFormat.LongDate(meeting.Date)];
        }

        return new MeetingRegister(
            groupId,
            groupName,
            meeting.Id,
            meeting.Date,
            meeting.StartTime,
            meeting.StartTime.AddMinutes(meeting.DurationMinutes),
            meeting.Theme,
            meeting.Status,
            meeting.HeldAt,
            closedBy,
            readOnly is null,
            readOnly,
            rows);
    }

    /// <summary>
    /// Saves one tap: records the member's status, or changes it if nobody else did since <paramref name="expectedVersion"/>
    /// (0: no record was shown). A conflict returns what the other person set, and its version.
    /// </summary>
    /// <exception cref="UnauthorizedAccessException">The caller is neither a coordinator nor a facilitator.</exception>
    public async Task<AttendanceResult> MarkAsync(
        ClaimsPrincipal user, Guid groupId, Guid meetingId, Guid membershipId, AttendanceStatus status, int expectedVersion, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (meeting, failure, actor) = await LoadForWriteAsync(db, user, groupId, meetingId, ct);
        if (meeting is null)
        {
            return failure!;
        }

        var membership = await db.Set<Membership>().FirstOrDefaultAsync(m => m.Id == membershipId && m.GroupId == groupId, ct);
        if (membership is null || membership.Pseudonym is null)
        {
            return AttendanceResult.Failed(texts["Error_NoMember"]);
        }

        var record = await db.Set<AttendanceRecord>().FirstOrDefaultAsync(a => a.MeetingId == meetingId && a.MembershipId == membershipId, ct);
        var now = time.GetUtcNow();
        try
        {
            if (record is null)
            {
                record = AttendanceRecord.Record(meeting, membership, status, actor, now);
                db.Add(record);
            }
            else
            {
                if (record.Status == status)
                {
                    // Already so (perhaps set by the co-facilitator a moment ago): nothing to change, nothing lost.
                    return AttendanceResult.Ok(await RowAsync(db, meeting, membershipId, ct));
                }

                record.Change(meeting, status, expectedVersion, actor, now);
                if (record.Attended)
                {
                    membership.MarkAttended(meeting.StartsAt);
                }
            }

            await MarkReferralActiveAsync(db, membership, actor, now, ct);
            if (meeting.Status == MeetingStatus.Held)
            {
                db.Add(AuditEvent.Record(actor, AuditKind.AttendanceChangedAfterClose, RecordEntity, record.Id.ToString(), now, groupId));
            }

            await db.SaveChangesAsync(ct);
        }
        catch (DomainException e) when (e.Code == "attendance.conflict")
        {
            return await ConflictAsync(meeting, membershipId, status, ct);
        }
        catch (DomainException e)
        {
            return AttendanceResult.Failed(Message(e));
        }
        catch (DbUpdateException)
        {
            // A stale version on the record or the member (concurrency token), or two first taps at once (the unique
            // (meeting, member) index): either way another person saved first. Nothing of this tap was stored.
            return await ConflictAsync(meeting, membershipId, status, ct);
        }

        AttendanceLog.Marked(logger, groupId, meetingId, meeting.Status == MeetingStatus.Held);
        changes.Publish(meetingId);
        return AttendanceResult.Ok(await FreshRowAsync(meeting, membershipId, ct));
    }

    /// <summary>Records "Absent" for every member who has no status yet (nor a suggested one): an explicit action, never done silently.</summary>
    public async Task<AttendanceResult> MarkRestAbsentAsync(ClaimsPrincipal user, Guid groupId, Guid meetingId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (meeting, failure, actor) = await LoadForWriteAsync(db, user, groupId, meetingId, ct);
        if (meeting is null)
        {
            return failure!;
        }

        var rows = await RowsAsync(db, meeting, ct);
        var missing = rows.Where(r => r.IsMissing && r.MembershipId is not null).Select(r => r.MembershipId!.Value).ToList();
        if (missing.Count == 0)
        {
            return AttendanceResult.Ok();
        }

        var now = time.GetUtcNow();
        try
        {
            var memberships = await db.Set<Membership>().Where(m => missing.Contains(m.Id)).ToListAsync(ct);
            foreach (var membership in memberships)
            {
                var record = AttendanceRecord.Record(meeting, membership, AttendanceStatus.Absent, actor, now);
                db.Add(record);
                if (meeting.Status == MeetingStatus.Held)
                {
                    db.Add(AuditEvent.Record(actor, AuditKind.AttendanceChangedAfterClose, RecordEntity, record.Id.ToString(), now, groupId));
                }
            }

            await db.SaveChangesAsync(ct);
        }
        catch (DomainException e)
        {
            return AttendanceResult.Failed(Message(e));
        }
        catch (DbUpdateException)
        {
            return AttendanceResult.Conflicted(texts["Error_ChangedMeanwhile"], null);
        }

        AttendanceLog.RestAbsent(logger, groupId, meetingId, missing.Count);
        changes.Publish(meetingId);
        return AttendanceResult.Ok();
    }

    /// <summary>
    /// Closes the register: records the suggested "Excused" of members who said they could not come, marks the meeting
    /// held and audits it, in one SaveChanges. Refused while a member has no status (the result says how many).
    /// </summary>
    public async Task<AttendanceResult> CloseRegisterAsync(ClaimsPrincipal user, Guid groupId, Guid meetingId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (meeting, failure, actor) = await LoadForWriteAsync(db, user, groupId, meetingId, ct);
        if (meeting is null)
        {
            return failure!;
        }

        if (meeting.Status == MeetingStatus.Held)
        {
            return AttendanceResult.Failed(texts["Error_meeting.held"]);
        }

        var rows = await RowsAsync(db, meeting, ct);
        var missing = rows.Count(r => r.IsMissing);
        if (missing > 0)
        {
            return AttendanceResult.Failed(texts["Error_Missing", missing], missing);
        }

        var now = time.GetUtcNow();
        try
        {
            var suggested = rows.Where(r => r.Suggested is not null && r.MembershipId is not null).Select(r => r.MembershipId!.Value).ToList();
            var memberships = await db.Set<Membership>().Where(m => suggested.Contains(m.Id)).ToListAsync(ct);
            foreach (var membership in memberships)
            {
                db.Add(AttendanceRecord.Record(meeting, membership, AttendanceStatus.Excused, actor, now));
            }

            meeting.MarkHeld(now);
            db.Add(AuditEvent.Record(actor, AuditKind.AttendanceRegisterClosed, MeetingEntity, meeting.Id.ToString(), now, groupId));
            await db.SaveChangesAsync(ct);
        }
        catch (DomainException e)
        {
            return AttendanceResult.Failed(Message(e));
        }
        catch (DbUpdateException)
        {
            return AttendanceResult.Conflicted(texts["Error_ChangedMeanwhile"], null);
        }

        AttendanceLog.Closed(logger, groupId, meetingId, rows.Count);
        changes.Publish(meetingId);
        return AttendanceResult.Ok();
    }

    /// <summary>The tracked meeting and the actor when the caller may record for this group; else a result to return.</summary>
    private async Task<(Meeting? Meeting, AttendanceResult? Failure, string Actor)> LoadForWriteAsync(
        LotgenotenDbContext db, ClaimsPrincipal user, Guid groupId, Guid meetingId, CancellationToken ct)
    {
        var access = await AttendanceAccess.ForGroupAsync(db, user, groupId, ct);
        if (access.Level == AccessLevel.None)
        {
            return (null, AttendanceResult.Failed(texts["Error_NotFound"]), string.Empty);
        }

        var meeting = await db.Set<Meeting>().FirstOrDefaultAsync(m => m.Id == meetingId && m.GroupId == groupId, ct);
        if (meeting is null)
        {
            return (null, AttendanceResult.Failed(texts["Error_NotFound"]), string.Empty);
        }

        if (access.Level != AccessLevel.Write)
        {
            return (null, AttendanceResult.Failed(texts["ReadOnly_Coordinator"]), string.Empty);
        }

        return (meeting, null, access.Actor);
    }

    /// <summary>The first attendance of a joined member makes them active, and their referral with them.</summary>
    private static async Task MarkReferralActiveAsync(LotgenotenDbContext db, Membership membership, string actor, DateTimeOffset now, CancellationToken ct)
    {
        if (membership.Status != MembershipStatus.Active || db.Entry(membership).Property(m => m.Status).OriginalValue != MembershipStatus.Joined)
        {
            return;
        }

        var referral = await db.Set<Referral>().FirstOrDefaultAsync(r => r.Id == membership.ReferralId, ct);
        if (referral?.Status == ReferralStatus.Joined)
        {
            referral.MarkActive(actor, now);
        }
    }

    /// <summary>What is saved now for this member (read in a fresh context), as a conflict to show.</summary>
    private async Task<AttendanceResult> ConflictAsync(Meeting meeting, Guid membershipId, AttendanceStatus wanted, CancellationToken ct)
    {
        var current = await FreshRowAsync(meeting, membershipId, ct);
        if (current?.Status == wanted)
        {
            return AttendanceResult.Ok(current);
        }

        AttendanceLog.Conflict(logger, meeting.GroupId, meeting.Id);
        var message = current?.Status is { } status
            ? texts["Conflict_Text", current.RecordedBy ?? texts["Someone"], names.Name(status)].Value
            : texts["Error_ChangedMeanwhile"].Value;
        return AttendanceResult.Conflicted(message, current);
    }

    private async Task<RegisterRow?> FreshRowAsync(Meeting meeting, Guid membershipId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await RowAsync(db, meeting, membershipId, ct);
    }

    private static async Task<RegisterRow?> RowAsync(LotgenotenDbContext db, Meeting meeting, Guid membershipId, CancellationToken ct) =>
        (await RowsAsync(db, meeting, ct, membershipId)).FirstOrDefault();

    /// <summary>
    /// One row per member of the group at the time of the meeting (joined by its end, not ended before its start), and
    /// per member with a record; unlinked records (erased accounts) as former members. By pseudonym, former members last.
    /// </summary>
    private static async Task<List<RegisterRow>> RowsAsync(LotgenotenDbContext db, Meeting meeting, CancellationToken ct, Guid? only = null)
    {
        var records = await db.Set<AttendanceRecord>().AsNoTracking()
            .Where(a => a.MeetingId == meeting.Id && (only == null || a.MembershipId == only))
            .Select(a => new { a.MembershipId, a.Status, a.Version, a.RecordedBy, a.RecordedAt })
            .ToListAsync(ct);
        var recorded = records.Where(r => r.MembershipId != null).Select(r => r.MembershipId!.Value).ToList();
        var members = await db.Set<Membership>().AsNoTracking()
            .Where(m => m.GroupId == meeting.GroupId && (only == null || m.Id == only))
            .Where(m => (m.JoinedAt != null && m.JoinedAt <= meeting.EndsAt && (m.EndedAt == null || m.EndedAt >= meeting.StartsAt))
                || recorded.Contains(m.Id))
            .Select(m => new { m.Id, m.Pseudonym })
            .ToListAsync(ct);
        var responses = await db.Set<MeetingResponse>().AsNoTracking()
            .Where(r => r.MeetingId == meeting.Id && (only == null || r.MembershipId == only))
            .Select(r => new { r.MembershipId, r.Answer, r.Message })
            .ToDictionaryAsync(r => r.MembershipId, ct);
        var staff = await StaffNamesAsync(db, records.Select(r => r.RecordedBy).Distinct().ToList(), ct);
        var byMember = records.Where(r => r.MembershipId != null).ToDictionary(r => r.MembershipId!.Value);

        var rows = members.Select(m =>
        {
            var record = byMember.GetValueOrDefault(m.Id);
            var response = m.Pseudonym is null ? null : responses.GetValueOrDefault(m.Id);
            return new RegisterRow(
                m.Id,
                m.Pseudonym,
                response?.Answer,
                response?.Message,
                record?.Status,
                record?.Version ?? 0,
                record is null ? null : staff.GetValueOrDefault(record.RecordedBy),
                record?.RecordedAt);
        }).ToList();
        rows.AddRange(records.Where(r => r.MembershipId == null)
            .Select(r => new RegisterRow(null, null, null, null, r.Status, r.Version, staff.GetValueOrDefault(r.RecordedBy), r.RecordedAt)));
        return rows
            .OrderBy(r => r.IsErased)
            .ThenBy(r => r.Pseudonym, StringComparer.CurrentCultureIgnoreCase)
            .ThenBy(r => r.MembershipId)
            .ToList();
    }

    /// <summary>Display names of staff by object id; staff names are shown to staff only.</summary>
    internal static async Task<Dictionary<string, string>> StaffNamesAsync(LotgenotenDbContext db, IReadOnlyCollection<string> objectIds, CancellationToken ct) =>
        objectIds.Count == 0
            ? []
            : await db.Set<StaffMember>().AsNoTracking()
                .Where(s => objectIds.Contains(s.ObjectId))
                .ToDictionaryAsync(s => s.ObjectId, s => s.DisplayName, ct);

    private string Message(DomainException e)
    {
        var text = texts[$"Error_{e.Code}"];
        return text.ResourceNotFound ? texts["Error_Other"] : text.Value;
    }
}

/// <summary>How far a user may go with a group's attendance.</summary>
internal enum AccessLevel
{
    None,
    Read,
    Write,
}

/// <summary>
/// Who may see and record a group's attendance (DOMAIN.md): its own facilitators read and write, coordinators read.
/// Looked up in the database on every call: a facilitator removed from the group is refused at once.
/// </summary>
internal static class AttendanceAccess
{
    public static async Task<(AccessLevel Level, string Actor)> ForGroupAsync(
        LotgenotenDbContext db, ClaimsPrincipal user, Guid groupId, CancellationToken ct)
    {
        var (actor, staffId) = await StaffAsync(db, user, ct);
        if (staffId is { } id && user.IsInRole(AppRoles.Facilitator)
            && await db.Set<PeerGroup>().AsNoTracking().AnyAsync(g => g.Id == groupId && g.Facilitators.Any(f => f.StaffMemberId == id), ct))
        {
            return (AccessLevel.Write, actor);
        }

        return (user.IsInRole(AppRoles.Coordinator) ? AccessLevel.Read : AccessLevel.None, actor);
    }

    /// <summary>The caller's object id and active staff record; only coordinators and facilitators get this far.</summary>
    public static async Task<(string Actor, Guid? StaffId)> StaffAsync(LotgenotenDbContext db, ClaimsPrincipal user, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.Identity?.IsAuthenticated != true || !(user.IsInRole(AppRoles.Coordinator) || user.IsInRole(AppRoles.Facilitator)))
        {
            throw new UnauthorizedAccessException("Attendance is for coordinators and the group's facilitators.");
        }

        var objectId = user.FindFirstValue(AuthSchemes.StaffClaims.ObjectId);
        if (string.IsNullOrEmpty(objectId))
        {
            throw new UnauthorizedAccessException("A staff member without an object id.");
        }

        var staffId = await db.Set<StaffMember>().AsNoTracking()
            .Where(s => s.ObjectId == objectId && s.IsActive)
            .Select(s => (Guid?)s.Id)
            .FirstOrDefaultAsync(ct);
        return (objectId, staffId);
    }
}

/// <summary>Dates as the attendance pages write them, in the user's language.</summary>
internal static class AttendanceFormat
{
    public static string LongDate(DateOnly date) => date.ToString("dddd d MMMM yyyy", CultureInfo.CurrentCulture);

    public static string ShortDate(DateOnly date) => date.ToString("d MMM yyyy", CultureInfo.CurrentCulture);

    public static string Time(TimeOnly time) => time.ToString("HH:mm", CultureInfo.InvariantCulture);

    /// <summary>An instant as a Brussels date and time ("29 november 2026 om 21:05").</summary>
    public static string Moment(IStringLocalizer<AttendanceTexts> texts, DateTimeOffset instant)
    {
        var local = BrusselsTime.ToLocal(instant);
        return texts["Moment", local.ToString("d MMMM yyyy", CultureInfo.CurrentCulture), local.ToString("HH:mm", CultureInfo.InvariantCulture)];
    }
}

/// <summary>The attendance log lines: ids and counts only, never a pseudonym.</summary>
internal static partial class AttendanceLog
{
    [LoggerMessage(EventId = 6101, Level = LogLevel.Information, Message = "Attendance recorded for meeting {MeetingId} of group {GroupId} (after close: {AfterClose})")]
    public static partial void Marked(ILogger logger, Guid groupId, Guid meetingId, bool afterClose);

    [LoggerMessage(EventId = 6102, Level = LogLevel.Information, Message = "Attendance conflict on meeting {MeetingId} of group {GroupId}: nothing overwritten")]
    public static partial void Conflict(ILogger logger, Guid groupId, Guid meetingId);

    [LoggerMessage(EventId = 6103, Level = LogLevel.Information, Message = "Register of meeting {MeetingId} of group {GroupId} closed with {Rows} rows")]
    public static partial void Closed(ILogger logger, Guid groupId, Guid meetingId, int rows);

    [LoggerMessage(EventId = 6104, Level = LogLevel.Information, Message = "{Count} members marked absent at meeting {MeetingId} of group {GroupId}")]
    public static partial void RestAbsent(ILogger logger, Guid groupId, Guid meetingId, int count);

    [LoggerMessage(EventId = 6105, Level = LogLevel.Information, Message = "Check-in done for membership {MembershipId} of group {GroupId}")]
    public static partial void CheckInDone(ILogger logger, Guid groupId, Guid membershipId);
}
