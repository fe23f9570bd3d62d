using System.Security.Claims;
using Lotgenoten.Domain.Attendance;
using Lotgenoten.Domain.Audit;
using Lotgenoten.Domain.Common;
using Lotgenoten.Domain.Groups;
using Lotgenoten.Domain.Meetings;
using Lotgenoten.Infrastructure.Data;
using Lotgenoten.Infrastructure.Demo;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Lotgenoten.Web.Features.Attendance;

/// <summary>
/// The follow-up list: current members whose last two held meetings (while they were members, and since their last
/// check-in) were absences without notice (<see cref="CheckInRule"/>). Facilitators see their own groups, coordinators
/// every group; either may mark a check-in done, which is audited.
/// </summary>
/// <remarks>
/// The database does the narrowing: the current members and the held meetings of the groups in view (a few columns, a
/// few dozen rows per group), then only the attendance rows of each member's last two eligible meetings. A group's
/// whole attendance history is never loaded.
/// </remarks>
public sealed class CheckInQuery(
    IDbContextFactory<LotgenotenDbContext> dbFactory,
    TimeProvider time,
    IStringLocalizer<AttendanceTexts> texts,
    ILogger<CheckInQuery> logger)
{
    internal const string MembershipEntity = nameof(Membership);

    /// <summary>The members to check in with, in the caller's groups (coordinators: all groups), by group and pseudonym.</summary>
    /// <exception cref="UnauthorizedAccessException">The caller is neither a coordinator nor a facilitator.</exception>
    public async Task<IReadOnlyList<CheckInItem>> GetAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var groups = await GroupsInViewAsync(db, user, ct);
        return await FindAsync(db, groups, ct);
    }

    /// <summary>Marks the check-in done: the member leaves the list until two new absences in a row.</summary>
    /// <exception cref="UnauthorizedAccessException">The caller is neither a coordinator nor a facilitator.</exception>
    public async Task<AttendanceResult> MarkDoneAsync(ClaimsPrincipal user, Guid membershipId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var groups = await GroupsInViewAsync(db, user, ct);
        var membership = await db.Set<Membership>().FirstOrDefaultAsync(m => m.Id == membershipId, ct);
        if (membership is null || !await groups.AnyAsync(g => g.Id == membership.GroupId, ct))
        {
            return AttendanceResult.Failed(texts["Error_NoMember"]);
        }

        var stillDue = await FindAsync(db, groups.Where(g => g.Id == membership.GroupId), ct);
        if (!stillDue.Any(c => c.MembershipId == membershipId))
        {
            // Someone else marked it done a moment ago (or a new attendance broke the run): nothing left to do.
            return AttendanceResult.Ok();
        }

        var (actor, _) = await AttendanceAccess.StaffAsync(db, user, ct);
        var now = time.GetUtcNow();
        try
        {
            membership.MarkCheckInDone(actor, now);
            db.Add(AuditEvent.Record(actor, AuditKind.CheckInDone, MembershipEntity, membership.Id.ToString(), now, membership.GroupId));
            await db.SaveChangesAsync(ct);
        }
        catch (DomainException)
        {
            return AttendanceResult.Failed(texts["Error_Other"]);
        }
        catch (DbUpdateConcurrencyException)
        {
            return AttendanceResult.Conflicted(texts["Error_ChangedMeanwhile"], null);
        }

        AttendanceLog.CheckInDone(logger, membership.GroupId, membership.Id);
        return AttendanceResult.Ok();
    }

    /// <summary>The groups whose follow-up the caller sees: coordinators every group that is not closed; facilitators their own.</summary>
    private static async Task<IQueryable<PeerGroup>> GroupsInViewAsync(LotgenotenDbContext db, ClaimsPrincipal user, CancellationToken ct)
    {
        var (_, staffId) = await AttendanceAccess.StaffAsync(db, user, ct);
        var open = db.Set<PeerGroup>().AsNoTracking().Where(g => g.Status != GroupStatus.Closed);
        if (user.IsInRole(AppRoles.Coordinator))
        {
            return open;
        }

        return staffId is { } id ? open.Where(g => g.Facilitators.Any(f => f.StaffMemberId == id)) : open.Where(_ => false);
    }

    /// <summary>The members of these groups who need a check-in now (see the remarks of <see cref="CheckInQuery"/>).</summary>
    internal static async Task<List<CheckInItem>> FindAsync(LotgenotenDbContext db, IQueryable<PeerGroup> groups, CancellationToken ct)
    {
        var names = await groups.Select(g => new { g.Id, g.Name }).ToDictionaryAsync(g => g.Id, g => g.Name, ct);
        if (names.Count == 0)
        {
            return [];
        }

        var ids = names.Keys.ToList();
        var members = await db.Set<Membership>().AsNoTracking()
            .Where(m => ids.Contains(m.GroupId) && m.Pseudonym != null && m.JoinedAt != null
                && (m.Status == MembershipStatus.Joined || m.Status == MembershipStatus.Active))
            .Select(m => new { m.Id, m.GroupId, m.Pseudonym, JoinedAt = m.JoinedAt!.Value, m.CheckInDoneAt, m.Version })
            .ToListAsync(ct);
        if (members.Count == 0)
        {
            return [];
        }

        var held = (await db.Set<Meeting>().AsNoTracking()
                .Where(m => ids.Contains(m.GroupId) && m.Status == MeetingStatus.Held)
                .Select(m => new { m.Id, m.GroupId, m.Date, m.StartsAt, m.EndsAt })
                .ToListAsync(ct))
            .OrderBy(m => m.StartsAt)
            .ToLookup(m => m.GroupId);

        // Each member's last two held meetings while a member and since their last check-in.
        var lastTwo = members
            .Select(m => new
            {
                Member = m,
                Meetings = held[m.GroupId]
                    .Where(h => h.EndsAt >= m.JoinedAt && (m.CheckInDoneAt == null || h.StartsAt >= m.CheckInDoneAt))
                    .TakeLast(CheckInRule.AbsencesInARow)
                    .ToList(),
            })
            .Where(x => x.Meetings.Count == CheckInRule.AbsencesInARow)
            .ToList();
        if (lastTwo.Count == 0)
        {
            return [];
        }

        var meetingIds = lastTwo.SelectMany(x => x.Meetings).Select(m => m.Id).Distinct().ToList();
        var memberIds = lastTwo.Select(x => (Guid?)x.Member.Id).ToList();
        var recorded = (await db.Set<AttendanceRecord>().AsNoTracking()
                .Where(a => meetingIds.Contains(a.MeetingId) && memberIds.Contains(a.MembershipId))
                .Select(a => new { a.MeetingId, MembershipId = a.MembershipId!.Value, a.Status })
                .ToListAsync(ct))
            .ToDictionary(a => (a.MeetingId, a.MembershipId), a => a.Status);

        return lastTwo
            .Where(x => CheckInRule.NeedsCheckIn(x.Meetings.Select(m => recorded.TryGetValue((m.Id, x.Member.Id), out var s) ? s : (AttendanceStatus?)null)))
            .Select(x => new CheckInItem(
                x.Member.Id, x.Member.GroupId, names[x.Member.GroupId], x.Member.Pseudonym!, x.Meetings.Select(m => m.Date).ToList(), x.Member.Version))
            .OrderBy(c => c.GroupName, StringComparer.CurrentCultureIgnoreCase)
            .ThenBy(c => c.Pseudonym, StringComparer.CurrentCultureIgnoreCase)
            .ToList();
    }
}
