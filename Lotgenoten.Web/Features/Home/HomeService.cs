using Lotgenoten.Domain.Common;
using Lotgenoten.Domain.Groups;
using Lotgenoten.Domain.Meetings;
using Lotgenoten.Domain.Notes;
using Lotgenoten.Domain.Referrals;
using Lotgenoten.Domain.Staff;
using Lotgenoten.Infrastructure.Data;
using Lotgenoten.Infrastructure.Demo;
using Lotgenoten.Web.Features.Account;
using Lotgenoten.Web.Features.Attendance;
using Microsoft.EntityFrameworkCore;
using System.Security.Claims;

namespace Lotgenoten.Web.Features.Home;

/// <summary>The waiting list now, for the coordinator's home.</summary>
public sealed record WaitingListSummary(int Count, int? MedianDays, int? LongestDays, int ToPlanIntake);

/// <summary>Groups by status and the safeguarding queue, for the coordinator's home.</summary>
public sealed record CoordinatorSummary(
    WaitingListSummary WaitingList,
    int GroupsPlanned,
    int GroupsRecruiting,
    int GroupsRunning,
    int OpenConcerns,
    int ReferralsThisYear,
    int ReferralsSamePeriodLastYear,
    int Year);

/// <summary>One of a facilitator's groups as their home shows it.</summary>
public sealed record FacilitatorGroupSummary(
    Guid GroupId,
    string Name,
    GroupStatus Status,
    int Members,
    int Capacity,
    DateTime? NextMeetingLocal,
    int NeedCheckIn);

/// <summary>A referral a counsellor registered: only its status and dates.</summary>
public sealed record CounsellorReferralSummary(DateOnly ReceivedOn, ReferralStatus Status);

/// <summary>What a counsellor sees of their own referrals.</summary>
public sealed record CounsellorSummary(int ThisMonth, int ThisYear, int StillOpen, IReadOnlyList<CounsellorReferralSummary> Latest);

/// <summary>
/// The live figures of the staff home. Every method checks the caller's role itself (deny by default), and reads with
/// one short-lived context, no tracking, aggregating in SQL; nothing here returns personal data.
/// </summary>
public sealed class HomeService(IDbContextFactory<LotgenotenDbContext> dbFactory, TimeProvider time)
{
    public async Task<CoordinatorSummary> GetCoordinatorSummaryAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        Require(user, AppRoles.Coordinator);
        var now = time.GetUtcNow();
        var today = BrusselsTime.Today(now);
        await using var db = await dbFactory.CreateDbContextAsync(ct);

        var waitingSince = await db.Set<Referral>().AsNoTracking()
            .Where(r => r.Status == ReferralStatus.Waiting)
            .Select(r => r.ReceivedOn)
            .ToListAsync(ct);
        var days = waitingSince.Select(d => today.DayNumber - d.DayNumber).Order().ToList();
        var toPlan = await db.Set<Referral>().CountAsync(r => r.Status == ReferralStatus.Received, ct);

        var groups = await db.Set<PeerGroup>().AsNoTracking()
            .GroupBy(g => g.Status)
            .Select(g => new { Status = g.Key, Count = g.Count() })
            .ToListAsync(ct);
        int Groups(GroupStatus status) => groups.FirstOrDefault(g => g.Status == status)?.Count ?? 0;

        var openConcerns = await db.Set<SafeguardingConcern>().CountAsync(c => c.Status != ConcernStatus.Handled, ct);

        var yearStart = new DateOnly(today.Year, 1, 1);
        var thisYear = await db.Set<Referral>().CountAsync(r => r.ReceivedOn >= yearStart && r.ReceivedOn <= today, ct);
        var lastYearStart = yearStart.AddYears(-1);
        var lastYearSameDay = today.AddYears(-1);
        var lastYear = await db.Set<Referral>().CountAsync(r => r.ReceivedOn >= lastYearStart && r.ReceivedOn <= lastYearSameDay, ct);

        return new CoordinatorSummary(
            new WaitingListSummary(days.Count, Lotgenoten.Infrastructure.Figures.PeriodFigures.Percentile(days, 50), days.Count == 0 ? null : days[^1], toPlan),
            Groups(GroupStatus.Planned),
            Groups(GroupStatus.Recruiting),
            Groups(GroupStatus.Running),
            openConcerns,
            thisYear,
            lastYear,
            today.Year);
    }

    public async Task<IReadOnlyList<FacilitatorGroupSummary>> GetFacilitatorGroupsAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        Require(user, AppRoles.Facilitator);
        var objectId = user.FindFirstValue(AuthSchemes.StaffClaims.ObjectId);
        var now = time.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var staffId = await db.Set<StaffMember>().Where(s => s.ObjectId == objectId).Select(s => (Guid?)s.Id).FirstOrDefaultAsync(ct);
        if (staffId is null)
        {
            return [];
        }

        var groups = await db.Set<PeerGroup>().AsNoTracking()
            .Where(g => g.Status != GroupStatus.Closed && g.Facilitators.Any(f => f.StaffMemberId == staffId))
            .OrderBy(g => g.Name)
            .Select(g => new
            {
                g.Id,
                g.Name,
                g.Status,
                g.MaximumSize,
                Members = g.Memberships.Count(m => m.Status == MembershipStatus.Joined || m.Status == MembershipStatus.Active),
            })
            .ToListAsync(ct);
        var ids = groups.Select(g => g.Id).ToList();

        var upcoming = await db.Set<Meeting>().AsNoTracking()
            .Where(m => ids.Contains(m.GroupId) && m.Status == MeetingStatus.Scheduled && m.StartsAt > now)
            .OrderBy(m => m.StartsAt)
            .Select(m => new { m.GroupId, m.Date, m.StartTime })
            .ToListAsync(ct);

        // The same rule and query as the follow-up page (CheckInQuery), for these groups at once.
        var checkIns = (await CheckInQuery.FindAsync(db, db.Set<PeerGroup>().AsNoTracking().Where(g => ids.Contains(g.Id)), ct))
            .CountBy(c => c.GroupId)
            .ToDictionary();
        var result = new List<FacilitatorGroupSummary>(groups.Count);
        foreach (var g in groups)
        {
            var next = upcoming.FirstOrDefault(m => m.GroupId == g.Id);
            result.Add(new FacilitatorGroupSummary(
                g.Id, g.Name, g.Status, g.Members, g.MaximumSize, next?.Date.ToDateTime(next.StartTime), checkIns.GetValueOrDefault(g.Id)));
        }

        return result;
    }

    public async Task<CounsellorSummary> GetCounsellorSummaryAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        Require(user, AppRoles.Counsellor);
        var objectId = user.FindFirstValue(AuthSchemes.StaffClaims.ObjectId) ?? string.Empty;
        var today = BrusselsTime.Today(time.GetUtcNow());
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var mine = db.Set<Referral>().AsNoTracking().Where(r => r.RegisteredBy == objectId);
        var monthStart = new DateOnly(today.Year, today.Month, 1);
        var yearStart = new DateOnly(today.Year, 1, 1);
        ReferralStatus[] closed = [ReferralStatus.Completed, ReferralStatus.Declined, ReferralStatus.Withdrawn, ReferralStatus.Unreachable];
        var latest = await mine.OrderByDescending(r => r.ReceivedOn).ThenByDescending(r => r.Id).Take(5)
            .Select(r => new CounsellorReferralSummary(r.ReceivedOn, r.Status))
            .ToListAsync(ct);
        return new CounsellorSummary(
            await mine.CountAsync(r => r.ReceivedOn >= monthStart, ct),
            await mine.CountAsync(r => r.ReceivedOn >= yearStart, ct),
            await mine.CountAsync(r => !closed.Contains(r.Status), ct),
            latest);
    }

    private static void Require(ClaimsPrincipal user, string role)
    {
        if (!user.IsInRole(role))
        {
            throw new UnauthorizedAccessException($"This needs the {role} role.");
        }
    }
}
